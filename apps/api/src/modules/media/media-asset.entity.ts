import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

export type MediaKind = 'video' | 'attachment' | 'image';
export type MediaStatus = 'uploading' | 'processing' | 'ready' | 'failed';

/**
 * An uploaded file and what processing made of it. Videos become an HLS ladder (`hlsKey` is the
 * master playlist), a poster and an MP4 fallback; attachments and images are kept as uploaded.
 * Keys are relative to the storage root.
 */
@Entity('media_assets')
export class MediaAsset extends UuidEntity {
  @Column({ type: 'varchar', length: 16 })
  kind: MediaKind;

  @Index('IDX_media_assets_status')
  @Column({ type: 'varchar', length: 16 })
  status: MediaStatus;

  @Index('IDX_media_assets_ownerId')
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  /** The course it was uploaded for (access follows the course). */
  @Index('IDX_media_assets_courseId')
  @Column({ type: 'varchar', length: 36, nullable: true })
  courseId: string | null;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  /** Detected from the content, not the name. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  mime: string | null;

  @Column({ type: 'bigint', nullable: true })
  sizeBytes: string | null;

  /** The uploaded original (deleted after a video is processed). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  sourceKey: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  hlsKey: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  posterKey: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  fallbackKey: string | null;

  /** WebVTT captions, optional. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  captionsKey: string | null;

  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  /** Rendition heights available, e.g. [240, 360, 720]. */
  @Column({ type: 'simple-json', nullable: true })
  renditions: number[] | null;

  /** 0–100 while processing. */
  @Column({ type: 'int', default: 0 })
  progress: number;

  /** Why processing failed, in Vietnamese, for the trainer. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
