import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { FieldError, LearnerLesson } from '@bdhv/contracts';
import { EntityManager, In } from 'typeorm';
import { FILE_STORAGE, FileStorage, isStorageKey } from '../../common/storage/file-storage';
import { LessonTypeRegistry, PublishItem } from '../courses/lesson-types';
import type { Lesson } from '../courses/lesson.entity';
import { MediaAsset } from './media-asset.entity';

type AssetState = Pick<MediaAsset, 'id' | 'status' | 'error'>;

async function assetsById(em: EntityManager, ids: string[]): Promise<Map<string, AssetState>> {
  const wanted = [...new Set(ids)];
  const rows = wanted.length ? await em.getRepository(MediaAsset).find({ where: { id: In(wanted) }, select: { id: true, status: true, error: true } }) : [];
  return new Map(rows.map((a) => [a.id, a]));
}

function videoProblem(title: string, video: AssetState | undefined): string | null {
  if (!video) return `Bài học video "${title}" chưa có video.`;
  if (video.status === 'uploading') return `Video của bài học "${title}" chưa tải lên xong.`;
  if (video.status === 'processing') return `Video của bài học "${title}" vẫn đang được xử lý. Hãy đợi xử lý xong rồi xuất bản.`;
  if (video.status === 'failed') return `Video của bài học "${title}" xử lý không thành công, cần tải video lên lại.${video.error ? ` Lý do: ${video.error}` : ''}`;
  return null;
}

/** The learner's view of a lesson's asset (video or attachment), or null when it has none. */
async function mediaView(em: EntityManager, lesson: Lesson): Promise<LearnerLesson['media']> {
  const asset = lesson.mediaId ? await em.getRepository(MediaAsset).findOneBy({ id: lesson.mediaId }) : null;
  if (!asset) return null;
  return {
    id: asset.id,
    status: asset.status,
    originalName: asset.originalName,
    mime: asset.mime,
    sizeBytes: asset.sizeBytes === null ? null : Number(asset.sizeBytes),
    durationSeconds: asset.durationSeconds,
    renditions: asset.renditions,
    hasCaptions: Boolean(asset.captionsKey),
  };
}

/**
 * The lesson types whose content is a media asset: video (completed by watching) and attachment
 * (completed by opening the file).
 */
@Injectable()
export class MediaLessonTypes implements OnModuleInit {
  constructor(
    private readonly registry: LessonTypeRegistry,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  onModuleInit() {
    this.registry.register({
      type: 'video',
      completion: 'watch',
      publishProblems: async (em, items) => {
        const assets = await assetsById(em, items.flatMap(({ lesson }) => (lesson.mediaId ? [lesson.mediaId] : [])));
        return items.flatMap(({ lesson, at }) => {
          const problem = videoProblem(lesson.title, lesson.mediaId ? assets.get(lesson.mediaId) : undefined);
          return problem ? [{ field: `${at}.mediaId`, message: problem }] : [];
        });
      },
      learnerView: async (em, lesson) => ({ textHtml: null, media: await mediaView(em, lesson) }),
    });
    this.registry.register({
      type: 'attachment',
      completion: 'mark',
      publishProblems: (em, items) => this.attachmentProblems(em, items),
      learnerView: async (em, lesson) => ({ textHtml: null, media: await mediaView(em, lesson) }),
    });
  }

  private async attachmentProblems(em: EntityManager, items: PublishItem[]): Promise<FieldError[]> {
    const assets = await assetsById(em, items.flatMap(({ lesson }) => (lesson.mediaId ? [lesson.mediaId] : [])));
    const problems: FieldError[] = [];
    for (const { lesson, at } of items) {
      if (!lesson.attachmentKey) {
        problems.push({ field: `${at}.attachmentKey`, message: `Bài học "${lesson.title}" chưa có tệp đính kèm.` });
        continue;
      }
      const asset = lesson.mediaId ? assets.get(lesson.mediaId) : undefined;
      if (!(await this.fileExists(lesson.attachmentKey)) || (lesson.mediaId && asset?.status !== 'ready')) {
        problems.push({ field: `${at}.attachmentKey`, message: `Tệp đính kèm của bài học "${lesson.title}" không còn trên máy chủ, cần tải tệp lên lại.` });
      }
    }
    return problems;
  }

  private async fileExists(key: string): Promise<boolean> {
    return isStorageKey(key) && (await this.storage.stat(key)) !== null;
  }
}
