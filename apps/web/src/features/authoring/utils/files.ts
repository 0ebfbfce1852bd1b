import { COVER_IMAGE_MAX_BYTES } from '@bdhv/contracts';

/** What the file picker offers; the server checks the content, not the name. */
export const VIDEO_ACCEPT = 'video/*,.mp4,.m4v,.mov,.webm,.mkv,.avi,.mpeg,.mpg,.3gp,.wmv,.flv,.ts';
export const CAPTIONS_ACCEPT = '.vtt,text/vtt';
export const ATTACHMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,application/pdf';
export const COVER_ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|qt|webm|mkv|avi|mpe?g|3gp|3g2|wmv|flv|ts|mts|m2ts|ogv)$/i;
const ATTACHMENT_EXTENSIONS = /\.(pdf|docx?|xlsx?|pptx?)$/i;
const COVER_EXTENSIONS = /\.(jpe?g|png|webp)$/i;
const COVER_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const CAPTIONS_MAX_BYTES = 1024 * 1024;

export type FileProblem = 'empty' | 'type' | 'size';

/** A first check, so nobody waits for an upload the server will refuse; the server has the last word. */
export function checkVideoFile(file: File): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (!file.type.startsWith('video/') && !VIDEO_EXTENSIONS.test(file.name)) return 'type';
  return null;
}

export function checkAttachmentFile(file: File): FileProblem | null {
  if (file.size === 0) return 'empty';
  // The size limit is the server's setting; it answers 413 with the limit in its message.
  if (!ATTACHMENT_EXTENSIONS.test(file.name)) return 'type';
  return null;
}

export function checkCoverFile(file: File): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (!COVER_TYPES.has(file.type) && !COVER_EXTENSIONS.test(file.name)) return 'type';
  if (file.size > COVER_IMAGE_MAX_BYTES) return 'size';
  return null;
}

export function checkCaptionsFile(file: File): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (!/\.vtt$/i.test(file.name) && file.type !== 'text/vtt') return 'type';
  if (file.size > CAPTIONS_MAX_BYTES) return 'size';
  return null;
}
