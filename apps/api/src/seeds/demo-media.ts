import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Files the demo seed makes on the spot, so the repository carries no binary fixtures: short test
 * clips (ffmpeg's lavfi sources) and a one-page PDF written by hand.
 */

/** True when the binary runs (`<bin> -version` exits 0). */
export function toolRuns(bin: string): boolean {
  return spawnSync(bin, ['-version'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
}

/** Fonts with Vietnamese glyphs, Debian (fonts-dejavu-core) first. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
];

/**
 * A font file the clips can be titled with, or null (no font, or an ffmpeg built without the
 * drawtext filter): the clips are then made without text. Paths with characters that the filter
 * graph would need escaped are not used.
 */
export function titleFont(ffmpegPath: string): string | null {
  const font = FONT_CANDIDATES.find((f) => fs.existsSync(f) && /^[A-Za-z0-9_/.-]+$/.test(f));
  if (!font) return null;
  const filters = spawnSync(ffmpegPath, ['-hide_banner', '-filters'], { encoding: 'utf8', timeout: 15_000 });
  return filters.status === 0 && /\sdrawtext\s/.test(filters.stdout) ? font : null;
}

export interface ClipSpec {
  seconds: number;
  /** Lines drawn over the picture (when a font is available). */
  title: string;
  subtitle: string;
  /** Tone of the (quiet) sine soundtrack, in Hz. */
  toneHz: number;
}

/**
 * Writes an H.264/AAC MP4 of `spec.seconds` seconds at 1280×720, 25 fps: ffmpeg's testsrc2 pattern
 * with a quiet tone, titled when `fontFile` is given. Text goes through files in `workDir` (ffmpeg
 * runs there), so titles need no filter-graph escaping. Rejects with ffmpeg's stderr tail.
 */
export async function makeDemoClip(output: string, spec: ClipSpec, opts: { ffmpegPath: string; fontFile: string | null; workDir: string }): Promise<void> {
  const base = path.basename(output, path.extname(output));
  const video = [`[0:v]`];
  const chain: string[] = [];
  if (opts.fontFile) {
    await fs.promises.writeFile(path.join(opts.workDir, `${base}.title.txt`), spec.title);
    await fs.promises.writeFile(path.join(opts.workDir, `${base}.subtitle.txt`), spec.subtitle);
    const text = (file: string, size: number, y: string) =>
      `drawtext=fontfile=${opts.fontFile}:textfile=${file}:expansion=none:fontsize=${size}:fontcolor=white:x=(w-text_w)/2:y=${y}`;
    chain.push(
      'drawbox=x=0:y=ih/2-110:w=iw:h=220:color=black@0.65:t=fill',
      text(`${base}.title.txt`, 60, 'h/2-80'),
      text(`${base}.subtitle.txt`, 36, 'h/2+25'),
    );
  }
  video.push(chain.length ? chain.join(',') : 'null', '[v]');
  const args = [
    '-hide_banner', '-nostdin', '-y', '-v', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${spec.seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=${spec.toneHz}:sample_rate=48000:duration=${spec.seconds}`,
    '-filter_complex', `${video.join('')};[1:a]volume=0.08[a]`,
    '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', '-t', String(spec.seconds),
    path.resolve(output),
  ];
  await new Promise<void>((resolve, reject) => {
    execFile(opts.ffmpegPath, args, { cwd: opts.workDir, timeout: 60_000, killSignal: 'SIGKILL', windowsHide: true }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`ffmpeg could not make the demo clip ${base}: ${error.message}\n${String(stderr).slice(-2000)}`));
      else resolve();
    });
  });
}

/**
 * Writes a 960×540 JPEG cover: a blue field with the course title (when `fontFile` is given) and a
 * lighter band. Like the clips, text goes through files in `workDir`.
 */
export async function makeDemoCover(output: string, text: { title: string; subtitle: string }, opts: { ffmpegPath: string; fontFile: string | null; workDir: string }): Promise<void> {
  const chain = ['drawbox=x=0:y=ih-120:w=iw:h=120:color=0x74c0fc@0.35:t=fill'];
  if (opts.fontFile) {
    await fs.promises.writeFile(path.join(opts.workDir, 'cover.title.txt'), text.title);
    await fs.promises.writeFile(path.join(opts.workDir, 'cover.subtitle.txt'), text.subtitle);
    chain.push(
      `drawtext=fontfile=${opts.fontFile}:textfile=cover.title.txt:expansion=none:fontsize=72:fontcolor=white:x=(w-text_w)/2:y=h/2-110`,
      `drawtext=fontfile=${opts.fontFile}:textfile=cover.subtitle.txt:expansion=none:fontsize=34:fontcolor=white:x=(w-text_w)/2:y=h-78`,
    );
  }
  const args = ['-hide_banner', '-nostdin', '-y', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=0x1864ab:s=960x540', '-vf', chain.join(','), '-frames:v', '1', '-q:v', '4', path.resolve(output)];
  await new Promise<void>((resolve, reject) => {
    execFile(opts.ffmpegPath, args, { cwd: opts.workDir, timeout: 30_000, killSignal: 'SIGKILL', windowsHide: true }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`ffmpeg could not make the demo cover: ${error.message}\n${String(stderr).slice(-2000)}`));
      else resolve();
    });
  });
}

/** WebVTT from [start, end, text] cues (seconds). */
export function webVtt(cues: [number, number, string][]): string {
  const ts = (s: number) => {
    const ms = Math.round(s * 1000);
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
  };
  return `WEBVTT\n\n${cues.map(([start, end, text]) => `${ts(start)} --> ${ts(end)}\n${text}`).join('\n\n')}\n`;
}

// ---- A one-page PDF, by hand --------------------------------------------------------------------

export interface PdfLine {
  text: string;
  /** Font size in points (default 11). */
  size?: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  spaceBefore?: number;
}

const PAGE_WIDTH = 595; // A4 in points
const PAGE_HEIGHT = 842;
const MARGIN = 56;

/**
 * The standard 14 fonts only cover WinAnsi, which lacks most Vietnamese letters (ư, ơ, ạ, ế…), so
 * the page text is written without diacritics; the document title (metadata, UTF-16) keeps them.
 */
export function pdfSafeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e]/g, '?');
}

function pdfString(ascii: string): string {
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** Greedy word wrap for Helvetica, using a conservative average glyph width. */
function wrap(text: string, size: number, width: number): string[] {
  const max = Math.max(10, Math.floor(width / (size * 0.52)));
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/**
 * A valid single-page A4 PDF 1.4 (Helvetica, WinAnsi) with exact cross-reference offsets. Throws
 * when the lines (wrapped to the page width) do not fit on the page.
 */
export function buildOnePagePdf(doc: { title: string; lines: PdfLine[] }): Buffer {
  const ops: string[] = [];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of doc.lines) {
    const size = line.size ?? 11;
    y -= line.spaceBefore ?? 0;
    for (const part of wrap(pdfSafeText(line.text), size, PAGE_WIDTH - 2 * MARGIN)) {
      y -= size * 1.35;
      if (y < MARGIN) throw new Error(`PDF "${doc.title}": the text does not fit on one page`);
      ops.push(`BT /${line.bold ? 'F2' : 'F1'} ${size} Tf ${MARGIN} ${y.toFixed(1)} Td ${pdfString(part)} Tj ET`);
    }
  }
  const content = `${ops.join('\n')}\n`;
  const utf16Title = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(doc.title, 'utf16le').swap16()]).toString('hex').toUpperCase();
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Lang (vi) >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    `<< /Title <${utf16Title}> /Producer (Binh dan hoc vu so demo seed) >>`,
  ];
  // The second line marks the file as binary for transfer tools (four bytes above 127).
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
