import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';

/**
 * Content-based identification of uploaded lesson files and a thin ffprobe wrapper. Nothing here
 * trusts a file name: a text file renamed `.mp4` is `unknown` and fails `probeVideo`.
 */

export type SniffKind = 'video' | 'pdf' | 'office' | 'image' | 'unknown';

export interface SniffResult {
  kind: SniffKind;
  /** Best MIME type for the content; `application/octet-stream` when unknown. */
  mime: string;
}

export const MIME = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ole: 'application/vnd.ms-office',
  zip: 'application/zip',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  unknown: 'application/octet-stream',
} as const;

const UNKNOWN: SniffResult = { kind: 'unknown', mime: MIME.unknown };
const HEAD_BYTES = 64;
/** EOCD record (22 bytes) plus the longest possible ZIP comment. */
const ZIP_TAIL_BYTES = 22 + 0xffff;
/** Office files keep small central directories; anything larger is not worth reading to sniff. */
const MAX_CENTRAL_DIRECTORY_BYTES = 4 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 20_000;

/** ISO-BMFF brands that are still images or audio, not video. */
const NON_VIDEO_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'mif1', 'msf1', 'avif', 'avis', 'M4A ', 'M4B ', 'M4P ']);

/** Identifies a file from its first bytes (and, for ZIPs, its central directory). */
export async function sniffFile(filePath: string): Promise<SniffResult> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const head = await readAt(handle, 0, Math.min(HEAD_BYTES, size));
    if (isZip(head)) return await sniffZip(handle, size);
    return sniffHead(head);
  } finally {
    await handle.close();
  }
}

/** Identification from the first bytes only (ZIPs answer `application/zip`; use sniffFile for office). */
export function sniffHead(head: Buffer): SniffResult {
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (NON_VIDEO_BRANDS.has(brand)) return UNKNOWN;
    return { kind: 'video', mime: brand === 'qt  ' ? MIME.mov : MIME.mp4 };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // The EBML header carries the DocType ("webm" or "matroska") within its first bytes.
    return { kind: 'video', mime: head.includes('webm', 0, 'latin1') ? MIME.webm : MIME.mkv };
  }
  if (ascii(head, 0, 5) === '%PDF-') return { kind: 'pdf', mime: MIME.pdf };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'office', mime: MIME.ole };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: MIME.png };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: MIME.jpeg };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', mime: MIME.webp };
  if (isZip(head)) return { kind: 'unknown', mime: MIME.zip };
  return UNKNOWN;
}

/**
 * An Office Open XML file is a ZIP whose central directory lists `[Content_Types].xml` and a
 * `word/`, `xl/` or `ppt/` part. Any other ZIP (or a damaged one) is `unknown`.
 */
async function sniffZip(handle: fs.FileHandle, size: number): Promise<SniffResult> {
  const notOffice: SniffResult = { kind: 'unknown', mime: MIME.zip };
  const names = await zipEntryNames(handle, size);
  if (!names || !names.includes('[Content_Types].xml')) return notOffice;
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix));
  if (has('word/')) return { kind: 'office', mime: MIME.docx };
  if (has('xl/')) return { kind: 'office', mime: MIME.xlsx };
  if (has('ppt/')) return { kind: 'office', mime: MIME.pptx };
  return notOffice;
}

/** Entry names from the ZIP central directory, or null when the directory cannot be found/read. */
async function zipEntryNames(handle: fs.FileHandle, size: number): Promise<string[] | null> {
  const tailLength = Math.min(size, ZIP_TAIL_BYTES);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  // ZIP64 markers or a directory that does not fit in the file: not a plain office document.
  if (cdSize > MAX_CENTRAL_DIRECTORY_BYTES || cdOffset + cdSize > size || entries === 0xffff) return null;
  const cd = await readAt(handle, cdOffset, cdSize);
  const names: string[] = [];
  let p = 0;
  while (p + 46 <= cd.length && names.length < MAX_ZIP_ENTRIES) {
    if (cd.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength > cd.length) return null;
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

function isZip(head: Buffer): boolean {
  return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
}

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

function ascii(buffer: Buffer, start: number, end: number): string {
  return buffer.length >= end ? buffer.toString('latin1', start, end) : '';
}

// ---------------------------------------------------------------------------------------------
// ffprobe

export interface VideoInfo {
  durationSeconds: number;
  /** Display size: already swapped for rotated (portrait phone) recordings. */
  width: number;
  height: number;
  hasAudio: boolean;
  videoCodec: string;
  /** Frames per second of the video stream, when ffprobe knows it. */
  frameRate?: number;
}

export const INVALID_VIDEO_MESSAGE = 'Tệp không phải là video hợp lệ.';

/** The file is not a usable video. `message` is Vietnamese and may be shown as is; `detail` is for logs. */
export class InvalidVideoError extends Error {
  constructor(
    readonly detail: string,
    message: string = INVALID_VIDEO_MESSAGE,
  ) {
    super(message);
    this.name = 'InvalidVideoError';
  }
}

export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  ffprobePath?: string;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { duration?: string };
}

export const FFPROBE_PATH = process.env.FFPROBE_PATH || 'ffprobe';

/**
 * Runs ffprobe on a file and describes its first real video stream. Throws InvalidVideoError when
 * ffprobe fails, times out, or finds no video stream (cover art in an audio file does not count).
 * An abort rejects with the signal's AbortError, not InvalidVideoError.
 */
export async function probeVideo(filePath: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  const json = await runFfprobe(
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', filePath],
    options,
  );
  let parsed: FfprobeOutput;
  try {
    parsed = JSON.parse(json) as FfprobeOutput;
  } catch {
    throw new InvalidVideoError('ffprobe printed invalid JSON');
  }
  const streams = parsed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video || !video.width || !video.height) throw new InvalidVideoError('no video stream');
  const duration = Number(parsed.format?.duration ?? video.duration);
  if (!Number.isFinite(duration) || duration <= 0) throw new InvalidVideoError('unknown or zero duration');
  const rotated = Math.abs(rotationOf(video)) % 180 === 90;
  return {
    durationSeconds: duration,
    width: rotated ? video.height : video.width,
    height: rotated ? video.width : video.height,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    videoCodec: video.codec_name ?? 'unknown',
    frameRate: parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate),
  };
}

function rotationOf(stream: FfprobeStream): number {
  const side = stream.side_data_list?.find((d) => typeof d.rotation === 'number');
  if (side?.rotation !== undefined) return side.rotation;
  const tag = Number(stream.tags?.rotate);
  return Number.isFinite(tag) ? tag : 0;
}

function parseRate(rate: string | undefined): number | undefined {
  if (!rate) return undefined;
  const [n, d] = rate.split('/').map(Number);
  const value = d ? n / d : n;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Runs ffprobe with arguments (no shell) and returns stdout. Failures become InvalidVideoError. */
export function runFfprobe(args: string[], options: ProbeOptions = {}): Promise<string> {
  const { timeoutMs = 30_000, signal, ffprobePath = FFPROBE_PATH } = options;
  return new Promise((resolve, reject) => {
    execFile(
      ffprobePath,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, signal, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (signal?.aborted) return reject(error);
        const detail = `ffprobe failed: ${error.message}\n${String(stderr).slice(-2000)}`;
        reject(new InvalidVideoError(detail));
      },
    );
  });
}
