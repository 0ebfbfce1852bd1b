import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { CourseModule } from '../modules/courses/course-module.entity';
import { CourseOwner } from '../modules/courses/course-owner.entity';
import { Course } from '../modules/courses/course.entity';
import { courseSearchText } from '../modules/courses/courses.service';
import { CourseTargetingService } from '../modules/courses/course-targeting.service';
import { Lesson } from '../modules/courses/lesson.entity';
import { sanitizeLessonHtml } from '../modules/courses/sanitize-lesson-html';
import { Enrolment } from '../modules/enrolments/enrolment.entity';
import { MediaAsset } from '../modules/media/media-asset.entity';
import { FFPROBE_PATH, MIME, sniffFile } from '../common/files/sniff';
import { FFMPEG_PATH, transcodeToHls } from '../modules/media/transcode';
import { LessonProgress } from '../modules/progress/lesson-progress.entity';
import { User } from '../modules/users/user.entity';
import { DEMO_COURSE, DEMO_LEARNER_EMAIL, DEMO_TRAINER_EMAIL, DemoLessonSpec } from './demo-course-data';
import { COVER_DIR } from '../modules/courses/cover-files';
import { buildOnePagePdf, makeDemoClip, makeDemoCover, titleFont, toolRuns, webVtt } from './demo-media';

export interface DemoCourseOptions {
  /** Storage root (config STORAGE_DIR): files go to `<storageDir>/media/<assetId>/`, as uploads do. */
  storageDir: string;
  ffmpegPath?: string;
  ffprobePath?: string;
}

export interface DemoCourseResult {
  /** False when a course with the slug already exists: nothing was changed. */
  created: boolean;
  slug: string;
  title: string;
  modules: number;
  lessons: { video: number; text: number; attachment: number };
  /** Videos transcoded to HLS and attachments written, with the rendition heights of the videos. */
  media: { videos: number; attachments: number; renditions: number[] };
  /** Video lessons left out because ffmpeg/ffprobe could not be run. */
  videosSkipped: number;
  /** Learners enrolled, and their progress in the course (percent of required lessons). */
  enrolled: { email: string; progressPercent: number }[];
  /** For the operator, in English (e.g. ffmpeg missing). */
  warnings: string[];
}

interface PreparedVideo {
  assetId: string;
  originalName: string;
  mime: string;
  sizeBytes: number;
  durationSeconds: number;
  renditions: number[];
}

interface PreparedAttachment {
  assetId: string;
  originalName: string;
  key: string;
  sizeBytes: number;
}

/** The official's demo progress: lessons completed, by position in the course, and the one in progress. */
const LEARNER_COMPLETED = 2;
const LEARNER_IN_PROGRESS_SECONDS = 3;

/**
 * The published demo course "Kỹ năng số cơ bản" (run after seedDemoData: its trainer and learner
 * must exist). Idempotent: matched by slug, an existing course is left untouched. Files are made
 * first (videos generated with ffmpeg and transcoded exactly like uploads, a PDF written by hand),
 * then every row is written in one transaction; on any failure the files are removed again, so a
 * failed seed leaves neither half a course nor orphan files. Without ffmpeg/ffprobe the course is
 * created without its video lessons, and a warning says so.
 */
export async function seedDemoCourse(ds: DataSource, options: DemoCourseOptions): Promise<DemoCourseResult> {
  const spec = DEMO_COURSE;
  const ffmpegPath = options.ffmpegPath ?? FFMPEG_PATH;
  const ffprobePath = options.ffprobePath ?? FFPROBE_PATH;
  const result: DemoCourseResult = {
    created: false,
    slug: spec.slug,
    title: spec.title,
    modules: 0,
    lessons: { video: 0, text: 0, attachment: 0 },
    media: { videos: 0, attachments: 0, renditions: [] },
    enrolled: [],
    videosSkipped: 0,
    warnings: [],
  };
  if (await ds.getRepository(Course).existsBy({ slug: spec.slug })) return result;

  const users = ds.getRepository(User);
  const trainer = await users.findOneBy({ email: DEMO_TRAINER_EMAIL });
  const learner = await users.findOneBy({ email: DEMO_LEARNER_EMAIL });
  if (!trainer || !learner) throw new Error(`Demo course: the accounts ${DEMO_TRAINER_EMAIL} and ${DEMO_LEARNER_EMAIL} must exist (seed the demo accounts first).`);

  const withVideo = toolRuns(ffmpegPath) && toolRuns(ffprobePath);
  const videoCount = spec.modules.flatMap((m) => m.lessons).filter((l) => l.type === 'video').length;
  if (!withVideo && videoCount > 0) {
    result.videosSkipped = videoCount;
    result.warnings.push(
      `ffmpeg/ffprobe not found (FFMPEG_PATH=${ffmpegPath}, FFPROBE_PATH=${ffprobePath}): the demo course "${spec.title}" was created WITHOUT its ${videoCount} video lessons. ` +
        'Install ffmpeg (apt-get install ffmpeg) and seed a fresh database to get them.',
    );
  }
  // Modules keep their order; a module left empty (videos only, without ffmpeg) is dropped.
  const modules = spec.modules
    .map((m) => ({ title: m.title, lessons: m.lessons.filter((l) => withVideo || l.type !== 'video') }))
    .filter((m) => m.lessons.length > 0);

  const mediaRoot = path.join(options.storageDir, 'media');
  const written: string[] = [];
  const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'bdhv-seed-'));
  try {
    // ---- Files first (slow part), outside the transaction --------------------------------------
    const videos = new Map<DemoLessonSpec, PreparedVideo>();
    const attachments = new Map<DemoLessonSpec, PreparedAttachment>();
    const font = withVideo ? titleFont(ffmpegPath) : null;
    if (withVideo && !font) result.warnings.push('No font with Vietnamese glyphs (fonts-dejavu-core) or no drawtext filter: the demo clips have no title text.');
    // Each file in its own task, all at once (ffmpeg uses two threads per job). allSettled: on a
    // failure no ffmpeg may still be writing when the directories are removed.
    const tasks = modules.flatMap((m) => m.lessons).map(async (lesson) => {
      if (lesson.type === 'text') return;
      const assetId = randomUUID();
      const dir = path.join(mediaRoot, assetId);
      written.push(dir);
      if (lesson.type === 'video') {
        const source = path.join(workDir, lesson.fileName);
        await makeDemoClip(source, lesson.clip, { ffmpegPath, fontFile: font, workDir });
        const sniffed = await sniffFile(source);
        if (sniffed.kind !== 'video') throw new Error(`Demo clip ${lesson.fileName} is not recognised as a video (${sniffed.mime})`);
        // The same transcoder as uploads (media.service process()): same ladder, poster and MP4 fallback.
        const hls = await transcodeToHls(source, path.join(dir, 'hls'), { ffmpegPath, ffprobePath, timeoutMs: 120_000 });
        await fs.promises.writeFile(path.join(dir, 'captions.vtt'), webVtt(lesson.captions));
        videos.set(lesson, {
          assetId,
          originalName: lesson.fileName,
          mime: sniffed.mime,
          sizeBytes: (await fs.promises.stat(source)).size,
          durationSeconds: Math.max(1, Math.round(hls.durationSeconds)),
          renditions: hls.renditions.map((r) => r.height).sort((a, b) => a - b),
        });
      } else {
        const key = `media/${assetId}/attachment.pdf`;
        const file = path.join(options.storageDir, key);
        await fs.promises.mkdir(dir, { recursive: true });
        await fs.promises.writeFile(file, buildOnePagePdf(lesson.pdf));
        const sniffed = await sniffFile(file);
        if (sniffed.kind !== 'pdf') throw new Error(`Demo attachment ${lesson.fileName} is not recognised as a PDF (${sniffed.mime})`);
        attachments.set(lesson, { assetId, originalName: lesson.fileName, key, sizeBytes: (await fs.promises.stat(file)).size });
      }
    });
    // A cover drawn by ffmpeg, stored like an uploaded one (random name under covers/).
    let coverKey: string | null = null;
    if (withVideo) {
      const coverFile = `${randomBytes(16).toString('hex')}.jpg`;
      const coverPath = path.join(options.storageDir, COVER_DIR, coverFile);
      written.push(coverPath);
      tasks.push(
        (async () => {
          await fs.promises.mkdir(path.dirname(coverPath), { recursive: true });
          await makeDemoCover(coverPath, { title: spec.title, subtitle: 'Bình dân học vụ số · Lạng Sơn' }, { ffmpegPath, fontFile: font, workDir });
          if ((await sniffFile(coverPath)).mime !== MIME.jpeg) throw new Error('Demo cover is not recognised as a JPEG');
          coverKey = `${COVER_DIR}/${coverFile}`;
        })(),
      );
    }
    const failed = (await Promise.allSettled(tasks)).find((t) => t.status === 'rejected');
    if (failed) throw failed.reason;

    // ---- Then every row, in one transaction ----------------------------------------------------
    const created = await ds.transaction(async (em) => {
      // A concurrent seed may have won meanwhile: leave its course alone (our files are removed below).
      if (await em.getRepository(Course).existsBy({ slug: spec.slug })) return false;
      const now = new Date();
      const courseId = randomUUID();
      const course = em.getRepository(Course).create({
        id: courseId,
        slug: spec.slug,
        title: spec.title,
        summary: spec.summary,
        coverImageKey: coverKey,
        category: spec.category,
        estimatedMinutes: spec.estimatedMinutes,
        status: 'published',
        strictOrder: false,
        ownerId: trainer.id,
        searchText: '',
        publishedAt: now,
      });
      course.searchText = courseSearchText({ ...course, tags: spec.tags });
      await em.getRepository(Course).insert(course);
      await new CourseTargetingService(ds).set(em, courseId, { tags: spec.tags, targetAudiences: spec.targetAudiences, targetUnitIds: [] });
      await em.getRepository(CourseOwner).insert({ courseId, userId: trainer.id, role: 'owner' });

      const lessons: Lesson[] = [];
      for (const [mi, m] of modules.entries()) {
        const moduleId = randomUUID();
        await em.getRepository(CourseModule).insert({ id: moduleId, courseId, title: m.title, position: mi });
        for (const [li, l] of m.lessons.entries()) {
          const video = l.type === 'video' ? videos.get(l)! : null;
          const attachment = l.type === 'attachment' ? attachments.get(l)! : null;
          if (video) {
            await em.getRepository(MediaAsset).insert({
              id: video.assetId,
              kind: 'video',
              status: 'ready',
              ownerId: trainer.id,
              courseId,
              originalName: video.originalName,
              mime: video.mime,
              sizeBytes: String(video.sizeBytes),
              // As after processing: the original is deleted, the HLS ladder stays.
              sourceKey: null,
              hlsKey: `media/${video.assetId}/hls/master.m3u8`,
              posterKey: `media/${video.assetId}/hls/poster.jpg`,
              fallbackKey: `media/${video.assetId}/hls/fallback.mp4`,
              captionsKey: `media/${video.assetId}/captions.vtt`,
              durationSeconds: video.durationSeconds,
              renditions: video.renditions,
              progress: 100,
              error: null,
            });
          }
          if (attachment) {
            await em.getRepository(MediaAsset).insert({
              id: attachment.assetId,
              kind: 'attachment',
              status: 'ready',
              ownerId: trainer.id,
              courseId,
              originalName: attachment.originalName,
              mime: MIME.pdf,
              sizeBytes: String(attachment.sizeBytes),
              sourceKey: attachment.key,
              hlsKey: null,
              posterKey: null,
              fallbackKey: null,
              captionsKey: null,
              durationSeconds: null,
              renditions: null,
              progress: 100,
              error: null,
            });
          }
          const lesson = em.getRepository(Lesson).create({
            id: randomUUID(),
            moduleId,
            courseId,
            title: l.title,
            type: l.type,
            position: li,
            required: true,
            textHtml: l.type === 'text' ? sanitizeLessonHtml(l.html) : null,
            mediaId: video?.assetId ?? attachment?.assetId ?? null,
            attachmentKey: attachment?.key ?? null,
            durationSeconds: video?.durationSeconds ?? null,
          });
          await em.getRepository(Lesson).insert(lesson);
          lessons.push(lesson);
          result.lessons[l.type]++;
        }
      }

      // The official has finished the first lessons and started the next one (a video if it is one).
      const done = lessons.slice(0, LEARNER_COMPLETED);
      const next = lessons[LEARNER_COMPLETED] as Lesson | undefined;
      const enrolmentId = randomUUID();
      // Same figure as the progress service: completed required lessons over required lessons, floored.
      const progressPercent = Math.floor((done.length * 100) / lessons.length);
      await em.getRepository(Enrolment).insert({
        id: enrolmentId,
        userId: learner.id,
        courseId,
        orgUnitId: learner.orgUnitId,
        source: 'self',
        assignmentId: null,
        status: 'active',
        dueAt: null,
        progressPercent,
        completedLessons: done.length,
        completedAt: null,
        lastActivityAt: now,
      });
      for (const l of done) {
        const seconds = l.durationSeconds ?? 0;
        await em.getRepository(LessonProgress).insert({
          id: randomUUID(),
          userId: learner.id,
          lessonId: l.id,
          enrolmentId,
          courseId,
          status: 'completed',
          watchedRanges: l.type === 'video' ? [[0, seconds]] : null,
          watchedSeconds: l.type === 'video' ? seconds : 0,
          lastPositionSeconds: l.type === 'video' ? seconds : 0,
          completedAt: now,
        });
      }
      if (next?.type === 'video') {
        const seconds = Math.min(LEARNER_IN_PROGRESS_SECONDS, next.durationSeconds ?? 0);
        await em.getRepository(LessonProgress).insert({
          id: randomUUID(),
          userId: learner.id,
          lessonId: next.id,
          enrolmentId,
          courseId,
          status: 'in_progress',
          watchedRanges: [[0, seconds]],
          watchedSeconds: seconds,
          lastPositionSeconds: seconds,
          completedAt: null,
        });
      }
      result.enrolled.push({ email: learner.email!, progressPercent });
      return true;
    });
    if (!created) throw new AlreadySeeded();

    result.created = true;
    result.modules = modules.length;
    result.media = {
      videos: videos.size,
      attachments: attachments.size,
      renditions: [...new Set([...videos.values()].flatMap((v) => v.renditions))].sort((a, b) => a - b),
    };
    return result;
  } catch (err) {
    await Promise.all(written.map((dir) => fs.promises.rm(dir, { recursive: true, force: true })));
    if (err instanceof AlreadySeeded) return { ...result, lessons: { video: 0, text: 0, attachment: 0 }, enrolled: [], videosSkipped: 0, warnings: [] };
    throw err;
  } finally {
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}

class AlreadySeeded extends Error {}

/** One line for the seed's output. */
export function describeDemoCourse(r: DemoCourseResult): string {
  if (!r.created) return `demo course "${r.title}" (${r.slug}) already present: nothing changed`;
  const lessons = r.lessons.video + r.lessons.text + r.lessons.attachment;
  const parts = [
    `${r.modules} modules`,
    `${lessons} lessons (${r.lessons.video} video, ${r.lessons.text} text, ${r.lessons.attachment} attachment)`,
    r.videosSkipped
      ? `media: ${r.media.attachments} PDF (${r.videosSkipped} video lessons skipped: no ffmpeg)`
      : `media: ${r.media.videos} videos transcoded to HLS ${r.media.renditions.map((h) => `${h}p`).join('/')} with poster, MP4 fallback and captions, ${r.media.attachments} PDF`,
    ...r.enrolled.map((e) => `${e.email} enrolled at ${e.progressPercent}%`),
  ];
  return `demo course "${r.title}" (${r.slug}) created and published: ${parts.join('; ')}`;
}
