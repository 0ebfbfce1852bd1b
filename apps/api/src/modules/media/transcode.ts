import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { InvalidVideoError, probeVideo, runFfprobe, VideoInfo } from '../../common/files/sniff';

/**
 * Turns an uploaded lesson video into what weak connections need: an HLS ladder (240p/360p/720p,
 * never upscaled), a poster JPEG and a 360p MP4 fallback. One ffmpeg process decodes the source
 * once and encodes every output; ffmpeg runs without a shell, with a timeout, honouring an
 * AbortSignal. On failure the output directory is removed.
 */

export interface Rung {
  name: string;
  /** Target size of the shorter side (the "p" of 240p), in pixels. */
  height: number;
  videoKbps: number;
  audioKbps: number;
}

/** Lowest first: players start at the top of the master playlist. */
export const LADDER: readonly Rung[] = [
  { name: '240p', height: 240, videoKbps: 300, audioKbps: 64 },
  { name: '360p', height: 360, videoKbps: 600, audioKbps: 64 },
  { name: '720p', height: 720, videoKbps: 1800, audioKbps: 96 },
];

const FALLBACK_HEIGHT = 360;
const POSTER_MAX_WIDTH = 640;
/** Keyframe interval at 24 fps; other frame rates keep the same 2-second GOP (see gopFrames). */
const GOP_FRAMES = 48;
const SEGMENT_SECONDS = 2;
const THREADS = '2';
const STDERR_TAIL_BYTES = 4000;

export interface TranscodeOptions {
  signal?: AbortSignal;
  /** Whole-job limit for ffmpeg; default 10 minutes plus 3× the video's duration. */
  timeoutMs?: number;
  /** 0–100, non-decreasing; 100 once everything is written. */
  onProgress?: (percent: number) => void;
  ffmpegPath?: string;
  ffprobePath?: string;
}

export interface Rendition {
  name: string;
  width: number;
  height: number;
  /** Peak segment bit rate in bit/s, as written in the master playlist's BANDWIDTH. */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  /** Path of the media playlist, relative to outDir (as in master.m3u8). */
  playlist: string;
}

export interface TranscodeResult {
  durationSeconds: number;
  hasAudio: boolean;
  renditions: Rendition[];
  /** Paths below are relative to outDir. */
  poster: string;
  fallbackMp4: string;
  masterPlaylist: string;
}

export type TranscodeFailure = 'invalid_input' | 'output_exists' | 'ffmpeg_failed' | 'timeout' | 'aborted';

const REASONS: Record<TranscodeFailure, string> = {
  invalid_input: 'tệp không phải là video hợp lệ.',
  output_exists: 'thư mục lưu kết quả đã có dữ liệu.',
  ffmpeg_failed: 'lỗi khi chuyển đổi định dạng video.',
  timeout: 'quá thời gian xử lý cho phép.',
  aborted: 'quá trình xử lý đã bị huỷ.',
};

/** `message` is short Vietnamese for the trainer; `stderrTail` is ffmpeg's last output, for logs. */
export class TranscodeError extends Error {
  constructor(
    readonly reason: TranscodeFailure,
    readonly stderrTail = '',
  ) {
    super(`Không xử lý được video: ${REASONS[reason]}`);
    this.name = 'TranscodeError';
  }
}

export const FFMPEG_PATH = process.env.FFMPEG_PATH || 'ffmpeg';

export async function transcodeToHls(input: string, outDir: string, opts: TranscodeOptions = {}): Promise<TranscodeResult> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw new TranscodeError('aborted');
  await prepareOutputDir(outDir);
  try {
    const info = await probe(input, opts);
    const timeoutMs = opts.timeoutMs ?? 10 * 60_000 + info.durationSeconds * 3_000;
    const deadline = Date.now() + timeoutMs;
    const rungs = selectRungs(info);
    // ffmpeg writes segment files but does not create their directories.
    for (const rung of rungs) await fs.mkdir(path.join(outDir, rung.name));

    let lastPercent = -1;
    const report = (percent: number) => {
      const p = Math.max(0, Math.min(100, Math.floor(percent)));
      if (p > lastPercent) {
        lastPercent = p;
        try {
          onProgress?.(p);
        } catch {
          // A faulty progress listener must not crash the process from inside ffmpeg's stdout handler.
        }
      }
    };
    report(0);

    await runFfmpeg(buildLadderArgs(input, outDir, info, rungs), {
      ...opts,
      timeoutMs,
      onOutTime: (seconds) => report(Math.min(97, (seconds / info.durationSeconds) * 97)),
    });
    await runFfmpeg(buildPosterArgs(input, outDir, info), { ...opts, timeoutMs: Math.max(1, deadline - Date.now()) });
    report(98);

    const renditions: Rendition[] = [];
    for (const rung of rungs) renditions.push(await describeRendition(outDir, rung, info, opts));
    await fs.writeFile(path.join(outDir, 'master.m3u8'), masterPlaylist(renditions));
    report(100);
    return {
      durationSeconds: info.durationSeconds,
      hasAudio: info.hasAudio,
      renditions,
      poster: 'poster.jpg',
      fallbackMp4: 'fallback.mp4',
      masterPlaylist: 'master.m3u8',
    };
  } catch (error) {
    await fs.rm(outDir, { recursive: true, force: true });
    if (error instanceof TranscodeError) throw error;
    if (signal?.aborted) throw new TranscodeError('aborted');
    throw new TranscodeError('ffmpeg_failed', error instanceof Error ? error.message : String(error));
  }
}

/** Rungs no taller than the source's shorter side; 240p is always kept. */
export function selectRungs(info: Pick<VideoInfo, 'width' | 'height'>): Rung[] {
  const shortSide = Math.min(info.width, info.height);
  const rungs = LADDER.filter((r) => r.height <= shortSide);
  return rungs.length > 0 ? rungs : [LADDER[0]];
}

/** Output frame size for a target shorter side, keeping the aspect ratio with even dimensions. */
export function scaledSize(info: Pick<VideoInfo, 'width' | 'height'>, shortSide: number): { width: number; height: number } {
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  if (info.width >= info.height) return { width: even((info.width * shortSide) / info.height), height: shortSide };
  return { width: shortSide, height: even((info.height * shortSide) / info.width) };
}

async function prepareOutputDir(outDir: string): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  // Refuse a used directory: on failure this one is deleted, and it must not hold anything else.
  if ((await fs.readdir(outDir)).length > 0) throw new TranscodeError('output_exists');
}

async function probe(input: string, opts: TranscodeOptions): Promise<VideoInfo> {
  try {
    return await probeVideo(input, { signal: opts.signal, ffprobePath: opts.ffprobePath, timeoutMs: 60_000 });
  } catch (error) {
    if (opts.signal?.aborted) throw new TranscodeError('aborted');
    if (error instanceof InvalidVideoError) throw new TranscodeError('invalid_input', error.detail);
    throw error;
  }
}

/**
 * Frames per fixed GOP: 48 at 24 fps, i.e. one keyframe per HLS segment. For other frame rates the
 * GOP stays at SEGMENT_SECONDS so that segments keep their 2-second length (48 frames at 30 fps
 * would cut 3.2-second segments); the forced time-based keyframes also align variable-rate sources.
 */
export function gopFrames(frameRate: number | undefined): number {
  if (!frameRate || frameRate < 1 || frameRate > 120) return GOP_FRAMES;
  return Math.max(1, Math.round(frameRate * SEGMENT_SECONDS));
}

function videoEncoderArgs(kbps: number, info: VideoInfo): string[] {
  const gop = String(gopFrames(info.frameRate));
  return [
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.07)}k`, '-bufsize', `${Math.round(kbps * 1.5)}k`,
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-threads', THREADS,
  ];
}

function audioEncoderArgs(info: VideoInfo, kbps: number): string[] {
  return info.hasAudio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', `${kbps}k`, '-ac', '2', '-ar', '48000'] : ['-an'];
}

/** One decode, split into every rendition plus the MP4 fallback. */
export function buildLadderArgs(input: string, outDir: string, info: VideoInfo, rungs: Rung[]): string[] {
  const fallbackRung = [...rungs].reverse().find((r) => r.height <= FALLBACK_HEIGHT) ?? rungs[0];
  const fallbackKbps = fallbackRung.videoKbps;
  const targets = [...rungs.map((r) => r.height), fallbackRung.height];
  const splitOutputs = targets.map((_, i) => `[s${i}]`).join('');
  const filters = [`[0:v:0]split=${targets.length}${splitOutputs}`];
  targets.forEach((h, i) => {
    const { width, height } = scaledSize(info, h);
    filters.push(`[s${i}]scale=${width}:${height},setsar=1[v${i}]`);
  });

  const args = [
    '-hide_banner', '-nostdin', '-y', '-v', 'error', '-nostats', '-progress', 'pipe:1',
    '-threads', THREADS, '-i', input,
    '-filter_complex_threads', '1', '-filter_complex', filters.join(';'),
  ];
  rungs.forEach((rung, i) => {
    const dir = path.join(outDir, rung.name);
    args.push(
      '-map', `[v${i}]`, ...videoEncoderArgs(rung.videoKbps, info), ...audioEncoderArgs(info, rung.audioKbps),
      '-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod',
      '-hls_segment_type', 'mpegts', '-hls_flags', 'independent_segments',
      '-hls_segment_filename', path.join(dir, `${rung.name}_%04d.ts`),
      path.join(dir, 'index.m3u8'),
    );
  });
  args.push(
    '-map', `[v${rungs.length}]`, ...videoEncoderArgs(fallbackKbps, info), ...audioEncoderArgs(info, 64),
    '-movflags', '+faststart', '-f', 'mp4', path.join(outDir, 'fallback.mp4'),
  );
  return args;
}

export function buildPosterArgs(input: string, outDir: string, info: VideoInfo): string[] {
  const at = Math.max(0, info.durationSeconds * 0.1).toFixed(3);
  return [
    '-hide_banner', '-nostdin', '-y', '-v', 'error', '-threads', THREADS,
    '-ss', at, '-i', input, '-map', '0:v:0', '-frames:v', '1',
    '-vf', `scale='min(${POSTER_MAX_WIDTH},iw)':-2`, '-q:v', '3', '-f', 'image2', '-update', '1',
    path.join(outDir, 'poster.jpg'),
  ];
}

interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  ffmpegPath?: string;
  onOutTime?: (seconds: number) => void;
}

/**
 * Spawns ffmpeg (no shell) and settles only after the process has exited, so a caller that deletes
 * the output directory afterwards never races a still-writing ffmpeg.
 */
export function runFfmpeg(args: string[], options: RunOptions = {}): Promise<void> {
  const { signal, timeoutMs = 30 * 60_000, ffmpegPath = FFMPEG_PATH, onOutTime } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TranscodeError('aborted'));
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    let stopped: TranscodeFailure | null = null;
    const stop = (reason: TranscodeFailure) => {
      if (stopped) return;
      stopped = reason;
      child.kill('SIGKILL');
    };
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), timeoutMs);

    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // Despite its name, out_time_ms is in microseconds.
        const m = /^out_time_(?:ms|us)=(\d+)/.exec(line.trim());
        if (m && onOutTime) onOutTime(Number(m[1]) / 1_000_000);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });

    let spawnError: Error | null = null;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stopped) return reject(new TranscodeError(stopped, stderr));
      if (code === 0 && !spawnError) return resolve();
      const detail = spawnError ? `${spawnError.message}\n${stderr}` : stderr;
      reject(new TranscodeError('ffmpeg_failed', detail.slice(-STDERR_TAIL_BYTES)));
    });
  });
}

async function describeRendition(outDir: string, rung: Rung, info: VideoInfo, opts: TranscodeOptions): Promise<Rendition> {
  const playlist = `${rung.name}/index.m3u8`;
  const text = await fs.readFile(path.join(outDir, playlist), 'utf8');
  const segments = parseMediaPlaylist(text);
  if (segments.length === 0) throw new TranscodeError('ffmpeg_failed', `${playlist} has no segments`);
  let peak = 0;
  let totalBits = 0;
  let totalSeconds = 0;
  for (const segment of segments) {
    const { size } = await fs.stat(path.join(outDir, rung.name, segment.uri));
    const bits = size * 8;
    totalBits += bits;
    totalSeconds += segment.duration;
    // Very short tail segments exaggerate the rate; measure them over at least one target duration.
    peak = Math.max(peak, bits / Math.max(segment.duration, SEGMENT_SECONDS / 2));
  }
  const nominal = (rung.videoKbps + (info.hasAudio ? rung.audioKbps : 0)) * 1000;
  const { width, height } = scaledSize(info, rung.height);
  const first = path.join(outDir, rung.name, segments[0].uri);
  return {
    name: rung.name,
    width,
    height,
    bandwidth: Math.round(peak || nominal),
    averageBandwidth: Math.round(totalSeconds > 0 ? totalBits / totalSeconds : nominal),
    codecs: await codecsOf(first, info.hasAudio, opts),
    playlist,
  };
}

export function parseMediaPlaylist(text: string): { duration: number; uri: string }[] {
  const out: { duration: number; uri: string }[] = [];
  let duration: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^#EXTINF:([\d.]+)/.exec(line);
    if (m) duration = Number(m[1]);
    else if (line && !line.startsWith('#') && duration !== null) {
      out.push({ duration, uri: line });
      duration = null;
    }
  }
  return out;
}

/** RFC 6381 codec string from what x264 actually wrote (level depends on size and frame rate). */
async function codecsOf(segment: string, hasAudio: boolean, opts: TranscodeOptions): Promise<string> {
  let level = 31;
  try {
    const json = await runFfprobe(
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=level', '-print_format', 'json', segment],
      { signal: opts.signal, ffprobePath: opts.ffprobePath, timeoutMs: 15_000 },
    );
    const parsed = JSON.parse(json) as { streams?: { level?: number }[] };
    const found = parsed.streams?.[0]?.level;
    if (typeof found === 'number' && found > 0) level = found;
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    // Keep the conservative default level.
  }
  const video = `avc1.4d40${level.toString(16).padStart(2, '0')}`;
  return hasAudio ? `${video},mp4a.40.2` : video;
}

export function masterPlaylist(renditions: Rendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of [...renditions].sort((a, b) => a.height - b.height || a.bandwidth - b.bandwidth)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${r.averageBandwidth},` +
        `RESOLUTION=${r.width}x${r.height},CODECS="${r.codecs}"`,
      r.playlist,
    );
  }
  return `${lines.join('\n')}\n`;
}
