import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithFfmpeg } from '../../common/files/ffmpeg.spec-support';
import { probeVideo, sniffFile } from '../../common/files/sniff';
import { gopFrames, parseMediaPlaylist, scaledSize, selectRungs, transcodeToHls, TranscodeError, TranscodeResult } from './transcode';

jest.setTimeout(120_000);

let dir: string;

function makeClip(name: string, size: string, withAudio: boolean, seconds = 4): string {
  const file = path.join(dir, name);
  execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=24`,
    ...(withAudio ? ['-f', 'lavfi', '-i', 'sine=frequency=440'] : []),
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    ...(withAudio ? ['-c:a', 'aac'] : []), file,
  ]);
  return file;
}

function streamsOf(file: string): { codec_type: string; width?: number; height?: number }[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file], { encoding: 'utf8' });
  return (JSON.parse(out) as { streams: { codec_type: string; width?: number; height?: number }[] }).streams;
}

/** ffmpeg processes still running with this text in their command line (Linux /proc). */
function ffmpegProcessesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('ffmpeg') && cmdline.includes(text)) pids.push(Number(entry));
    } catch {
      // The process went away while we looked.
    }
  }
  return pids;
}

function expectHlsOutput(outDir: string, result: TranscodeResult, names: string[]) {
  expect(result.renditions.map((r) => r.name)).toEqual(names);
  for (const r of result.renditions) {
    const playlist = fs.readFileSync(path.join(outDir, r.playlist), 'utf8');
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(playlist).toContain('#EXT-X-ENDLIST');
    const segments = parseMediaPlaylist(playlist);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    for (const s of segments) {
      expect(s.uri).toMatch(new RegExp(`^${r.name}_\\d{4}\\.ts$`));
      expect(fs.statSync(path.join(outDir, r.name, s.uri)).size).toBeGreaterThan(0);
    }
    const video = streamsOf(path.join(outDir, r.name, segments[0].uri)).find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({ width: r.width, height: r.height });
    expect(r.bandwidth).toBeGreaterThan(0);
  }
  const master = fs.readFileSync(path.join(outDir, result.masterPlaylist), 'utf8');
  const entries = [...master.matchAll(/#EXT-X-STREAM-INF:BANDWIDTH=(\d+),.*RESOLUTION=(\d+)x(\d+),CODECS="([^"]+)"\n(.+)/g)];
  expect(entries.map((m) => m[5])).toEqual(names.map((n) => `${n}/index.m3u8`));
  const heights = entries.map((m) => Number(m[3]));
  expect(heights).toEqual([...heights].sort((a, b) => a - b));
  for (const m of entries) expect(m[4]).toMatch(/^avc1\.4d40[0-9a-f]{2}/);
}

async function expectPosterJpeg(file: string, maxWidth: number) {
  await expect(sniffFile(file)).resolves.toEqual({ kind: 'image', mime: 'image/jpeg' });
  const [video] = streamsOf(file);
  expect(video.width).toBeLessThanOrEqual(maxWidth);
}


describe('selectRungs', () => {
  it('never upscales but always keeps 240p', () => {
    expect(selectRungs({ width: 640, height: 360 }).map((r) => r.name)).toEqual(['240p', '360p']);
    expect(selectRungs({ width: 1920, height: 1080 }).map((r) => r.name)).toEqual(['240p', '360p', '720p']);
    expect(selectRungs({ width: 160, height: 120 }).map((r) => r.name)).toEqual(['240p']);
  });

  it('uses the shorter side for portrait phone videos', () => {
    expect(selectRungs({ width: 720, height: 1280 }).map((r) => r.name)).toEqual(['240p', '360p', '720p']);
    expect(scaledSize({ width: 720, height: 1280 }, 360)).toEqual({ width: 360, height: 640 });
    expect(scaledSize({ width: 640, height: 360 }, 240)).toEqual({ width: 426, height: 240 });
  });
});

describe('gopFrames', () => {
  it('is 48 frames at 24 fps and two seconds at other rates', () => {
    expect(gopFrames(24)).toBe(48);
    expect(gopFrames(undefined)).toBe(48);
    expect(gopFrames(30)).toBe(60);
    expect(gopFrames(25)).toBe(50);
  });
});

describeWithFfmpeg()('transcodeToHls', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-transcode-'));
    makeClip('clip360.mp4', '640x360', true);
    makeClip('silent360.mp4', '640x360', false);
    makeClip('clip720.mp4', '1280x720', true);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds 240p and 360p (no upscaling), a poster and a 360p MP4 fallback from a 360p clip', async () => {
    const outDir = path.join(dir, 'out360');
    const progress: number[] = [];
    const result = await transcodeToHls(path.join(dir, 'clip360.mp4'), outDir, { onProgress: (p) => progress.push(p) });

    expect(result.durationSeconds).toBeGreaterThan(3.8);
    expect(result.durationSeconds).toBeLessThan(4.3);
    expect(result.hasAudio).toBe(true);
    expectHlsOutput(outDir, result, ['240p', '360p']);
    expect(result.renditions.map((r) => `${r.width}x${r.height}`)).toEqual(['426x240', '640x360']);
    for (const r of result.renditions) expect(r.codecs).toMatch(/,mp4a\.40\.2$/);
    await expectPosterJpeg(path.join(outDir, result.poster), 640);

    const fallback = path.join(outDir, result.fallbackMp4);
    const info = await probeVideo(fallback);
    expect(info).toMatchObject({ width: 640, height: 360, hasAudio: true, videoCodec: 'h264' });
    // +faststart: the moov box comes before the media data.
    const head = fs.readFileSync(fallback).subarray(0, 4096).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(-1);

    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('builds all three rungs from a 720p clip', async () => {
    const outDir = path.join(dir, 'out720');
    const result = await transcodeToHls(path.join(dir, 'clip720.mp4'), outDir);
    expectHlsOutput(outDir, result, ['240p', '360p', '720p']);
    expect(result.renditions[2]).toMatchObject({ width: 1280, height: 720 });
    await expectPosterJpeg(path.join(outDir, result.poster), 640);
    expect((await probeVideo(path.join(outDir, result.fallbackMp4))).height).toBe(360);
  });

  it('transcodes a silent clip without an audio track', async () => {
    const outDir = path.join(dir, 'outSilent');
    const result = await transcodeToHls(path.join(dir, 'silent360.mp4'), outDir);
    expect(result.hasAudio).toBe(false);
    expectHlsOutput(outDir, result, ['240p', '360p']);
    for (const r of result.renditions) {
      expect(r.codecs).not.toContain('mp4a');
      const [first] = parseMediaPlaylist(fs.readFileSync(path.join(outDir, r.playlist), 'utf8'));
      expect(streamsOf(path.join(outDir, r.name, first.uri)).map((s) => s.codec_type)).toEqual(['video']);
    }
    expect((await probeVideo(path.join(outDir, result.fallbackMp4))).hasAudio).toBe(false);
  });

  it('fails on a corrupt input with a Vietnamese reason and leaves no output directory', async () => {
    const text = path.join(dir, 'notes.mp4');
    fs.writeFileSync(text, 'Đây là một tệp văn bản, không phải video.');
    const truncated = path.join(dir, 'truncated.mp4');
    fs.writeFileSync(truncated, fs.readFileSync(path.join(dir, 'clip360.mp4')).subarray(0, 20_000));

    for (const input of [text, truncated, path.join(dir, 'missing.mp4')]) {
      const outDir = path.join(dir, `bad-${path.basename(input)}`);
      const error = await transcodeToHls(input, outDir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TranscodeError);
      expect((error as TranscodeError).message).toBe('Không xử lý được video: tệp không phải là video hợp lệ.');
      expect(fs.existsSync(outDir)).toBe(false);
    }
  });

  it('reports ffmpeg failures with a Vietnamese message and the stderr tail', async () => {
    const outDir = path.join(dir, 'out-fail');
    const error = await transcodeToHls(path.join(dir, 'clip360.mp4'), outDir, { ffmpegPath: '/nonexistent/ffmpeg' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TranscodeError);
    expect((error as TranscodeError).reason).toBe('ffmpeg_failed');
    expect((error as TranscodeError).message).toMatch(/^Không xử lý được video: /);
    expect((error as TranscodeError).stderrTail).toContain('ENOENT');
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('stops ffmpeg when the AbortSignal fires and removes the partial output', async () => {
    const outDir = path.join(dir, 'out-abort');
    const controller = new AbortController();
    const started = Date.now();
    const promise = transcodeToHls(path.join(dir, 'clip720.mp4'), outDir, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p > 0) controller.abort();
      },
    });
    setTimeout(() => controller.abort(), 400);
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscodeError);
    expect((error as TranscodeError).reason).toBe('aborted');
    expect((error as TranscodeError).message).toBe('Không xử lý được video: quá trình xử lý đã bị huỷ.');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fs.existsSync(outDir)).toBe(false);
    expect(ffmpegProcessesMentioning(outDir)).toEqual([]);
  });

  it('rejects an already aborted signal without touching the disk', async () => {
    const outDir = path.join(dir, 'out-preaborted');
    const error = await transcodeToHls(path.join(dir, 'clip360.mp4'), outDir, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as TranscodeError).reason).toBe('aborted');
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('kills ffmpeg on timeout', async () => {
    const outDir = path.join(dir, 'out-timeout');
    const error = await transcodeToHls(path.join(dir, 'clip360.mp4'), outDir, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect((error as TranscodeError).reason).toBe('timeout');
    expect((error as TranscodeError).message).toBe('Không xử lý được video: quá thời gian xử lý cho phép.');
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('refuses an output directory that already holds files, and leaves them alone', async () => {
    const outDir = path.join(dir, 'out-used');
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(outDir, 'keep.txt'), 'x');
    const error = await transcodeToHls(path.join(dir, 'clip360.mp4'), outDir).catch((e: unknown) => e);
    expect((error as TranscodeError).reason).toBe('output_exists');
    expect(fs.readFileSync(path.join(outDir, 'keep.txt'), 'utf8')).toBe('x');
  });
});
