import { z } from 'zod';
import { idSchema } from './ids';

export const mediaKindSchema = z.enum(['video', 'attachment', 'image']);
export const mediaStatusSchema = z.enum(['uploading', 'processing', 'ready', 'failed']);

/** An uploaded lesson file and what processing made of it. */
export const mediaAssetSchema = z.object({
  id: z.string(),
  kind: mediaKindSchema,
  status: mediaStatusSchema,
  courseId: z.string().nullable(),
  originalName: z.string(),
  /** Detected from the content, never from the name. */
  mime: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  /** 0–100 while processing. */
  progress: z.number().int(),
  /** Why processing failed (Vietnamese, for the trainer). */
  error: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  /** Rendition heights, lowest first, e.g. [240, 360, 720]. */
  renditions: z.array(z.number().int()).nullable(),
  hasCaptions: z.boolean(),
  /** Signed, short-lived; null until the poster exists. */
  posterUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MediaAsset = z.infer<typeof mediaAssetSchema>;

/** Signed URLs (the token is in the path, so relative HLS requests carry it). */
export const mediaPlaybackSchema = z.object({
  hlsUrl: z.string().nullable(),
  mp4Url: z.string().nullable(),
  posterUrl: z.string().nullable(),
  captionsUrl: z.string().nullable(),
  /** Attachments: the file itself. */
  fileUrl: z.string().nullable(),
  expiresAt: z.string(),
});
export type MediaPlayback = z.infer<typeof mediaPlaybackSchema>;

export const attachLessonMediaSchema = z.object({ mediaId: idSchema() }).strict();
export type AttachLessonMediaRequest = z.infer<typeof attachLessonMediaSchema>;

export const attachmentUploadQuerySchema = z.object({ courseId: idSchema() });
export type AttachmentUploadQuery = z.infer<typeof attachmentUploadQuerySchema>;

/** tus 1.0.0 (core + creation): the metadata keys the server reads from `Upload-Metadata`. */
export const MEDIA_UPLOAD_METADATA_KEYS = ['filename', 'lessonId', 'courseId'] as const;
