import { randomUUID } from 'node:crypto';
import type { Audience, LessonType } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { CourseModule } from '../../src/modules/courses/course-module.entity';
import { CourseOwner } from '../../src/modules/courses/course-owner.entity';
import { Course } from '../../src/modules/courses/course.entity';
import { CourseTargeting, CourseTargetingService } from '../../src/modules/courses/course-targeting.service';
import { Lesson } from '../../src/modules/courses/lesson.entity';
import { MediaAsset } from '../../src/modules/media/media-asset.entity';

let seq = 0;

export interface LessonSpec {
  type: LessonType;
  durationSeconds?: number;
  required?: boolean;
}

export interface CourseSpec {
  ownerId: string;
  status?: 'draft' | 'published' | 'archived';
  strictOrder?: boolean;
  targetAudiences?: Audience[];
  targetUnitIds?: string[];
  tags?: string[];
  /** One module per inner array. */
  modules?: LessonSpec[][];
}

/** A course written straight into the tables (default: published, one video of 600 s and one text lesson). */
export async function createCourse(ds: DataSource, spec: CourseSpec): Promise<{ course: Course & CourseTargeting; lessons: Lesson[] }> {
  seq++;
  const id = randomUUID();
  const course = ds.getRepository(Course).create({
    id,
    slug: `khoa-hoc-thu-${seq}-${id.slice(0, 6)}`,
    title: `Khóa học thử ${seq}`,
    summary: '',
    coverImageKey: null,
    category: 'Kỹ năng số',
    estimatedMinutes: 30,
    status: spec.status ?? 'published',
    strictOrder: spec.strictOrder ?? false,
    ownerId: spec.ownerId,
    searchText: `khoa hoc thu ${seq}`,
    publishedAt: new Date(),
  });
  const targeting = { tags: spec.tags ?? [], targetAudiences: spec.targetAudiences ?? [], targetUnitIds: spec.targetUnitIds ?? [] };
  await ds.transaction(async (em) => {
    await em.getRepository(Course).insert(course);
    await new CourseTargetingService(ds).set(em, id, targeting);
  });
  await ds.getRepository(CourseOwner).insert({ courseId: id, userId: spec.ownerId, role: 'owner' });
  const lessons: Lesson[] = [];
  const modules = spec.modules ?? [[{ type: 'video', durationSeconds: 600 }, { type: 'text' }]];
  for (const [mi, specs] of modules.entries()) {
    const moduleId = randomUUID();
    await ds.getRepository(CourseModule).insert({ id: moduleId, courseId: id, title: `Chương ${mi + 1}`, position: mi });
    for (const [li, l] of specs.entries()) {
      const lesson = ds.getRepository(Lesson).create({
        id: randomUUID(),
        moduleId,
        courseId: id,
        title: `Bài ${mi + 1}.${li + 1}`,
        type: l.type,
        position: li,
        required: l.required ?? true,
        textHtml: l.type === 'text' ? '<p>Nội dung</p>' : null,
        mediaId: null,
        attachmentKey: l.type === 'attachment' ? 'files/tai-lieu.pdf' : null,
        durationSeconds: l.type === 'video' ? (l.durationSeconds ?? 600) : null,
      });
      await ds.getRepository(Lesson).insert(lesson);
      lessons.push(lesson);
    }
  }
  return { course: Object.assign(course, targeting), lessons };
}

export interface MediaSpec {
  ownerId: string;
  courseId: string;
  kind?: 'video' | 'attachment';
  status?: 'uploading' | 'processing' | 'ready' | 'failed';
  error?: string | null;
  /** Attach it to this lesson (video lessons: mediaId; attachment lessons: mediaId and attachmentKey). */
  lessonId?: string;
}

/** A media asset row (no files behind it): enough for access and publishing rules, not for streaming. */
export async function createMediaAsset(ds: DataSource, spec: MediaSpec): Promise<MediaAsset> {
  const id = randomUUID();
  const kind = spec.kind ?? 'video';
  const status = spec.status ?? 'ready';
  const ready = status === 'ready';
  const asset = ds.getRepository(MediaAsset).create({
    id,
    kind,
    status,
    ownerId: spec.ownerId,
    courseId: spec.courseId,
    originalName: kind === 'video' ? 'bai-giang.mp4' : 'tai-lieu.pdf',
    mime: kind === 'video' ? 'video/mp4' : 'application/pdf',
    sizeBytes: '1000',
    sourceKey: kind === 'attachment' ? `media/${id}/attachment.pdf` : status === 'ready' ? null : `media/uploads/${id}.part`,
    hlsKey: kind === 'video' && ready ? `media/${id}/hls/master.m3u8` : null,
    posterKey: kind === 'video' && ready ? `media/${id}/hls/poster.jpg` : null,
    fallbackKey: kind === 'video' && ready ? `media/${id}/hls/fallback.mp4` : null,
    captionsKey: null,
    durationSeconds: kind === 'video' && ready ? 600 : null,
    renditions: kind === 'video' && ready ? [240, 360] : null,
    progress: ready ? 100 : 0,
    error: spec.error ?? null,
  });
  await ds.getRepository(MediaAsset).insert(asset);
  if (spec.lessonId) {
    await ds.getRepository(Lesson).update(spec.lessonId, kind === 'video' ? { mediaId: id } : { mediaId: id, attachmentKey: asset.sourceKey });
  }
  return asset;
}
