import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { describeWithFfmpeg } from './ffmpeg.spec-support';
import { InvalidVideoError, MIME, probeVideo, sniffFile, sniffHead } from './sniff';

jest.setTimeout(30_000);

/** A minimal stored (uncompressed) ZIP with the given entries, central directory included. */
function buildZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const MINIMAL_PDF = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n');

// 1x1 transparent PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describeWithFfmpeg()('sniffFile', () => {
  let dir: string;
  const write = (name: string, content: Buffer | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-sniff-'));
    execFileSync('ffmpeg', [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=24', '-f', 'lavfi', '-i', 'sine=frequency=440',
      '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
      '-f', 'mp4', path.join(dir, 'clip.bin'),
    ]);
    execFileSync('ffmpeg', [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=24', '-t', '1', '-c:v', 'libvpx', '-b:v', '200k',
      '-f', 'webm', path.join(dir, 'clip.webm'),
    ]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('identifies an MP4 by its ftyp box, whatever its name', async () => {
    await expect(sniffFile(path.join(dir, 'clip.bin'))).resolves.toEqual({ kind: 'video', mime: MIME.mp4 });
  });

  it('identifies WebM by its EBML header', async () => {
    await expect(sniffFile(path.join(dir, 'clip.webm'))).resolves.toEqual({ kind: 'video', mime: MIME.webm });
  });

  it('tells QuickTime from MP4 and ignores HEIF images', () => {
    const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(8)]);
    expect(sniffHead(ftyp('qt  '))).toEqual({ kind: 'video', mime: MIME.mov });
    expect(sniffHead(ftyp('isom'))).toEqual({ kind: 'video', mime: MIME.mp4 });
    expect(sniffHead(ftyp('heic')).kind).toBe('unknown');
  });

  it('identifies a hand-written PDF', async () => {
    await expect(sniffFile(write('doc.txt', MINIMAL_PDF))).resolves.toEqual({ kind: 'pdf', mime: MIME.pdf });
  });

  it('identifies office ZIPs from their central directory, not their name', async () => {
    const ct = '<?xml version="1.0"?><Types/>';
    const docx = write('report.zip', buildZip({ '[Content_Types].xml': ct, '_rels/.rels': '<x/>', 'word/document.xml': '<w/>' }));
    const xlsx = write('table.docx', buildZip({ '[Content_Types].xml': ct, 'xl/workbook.xml': '<x/>' }));
    const pptx = write('slides', buildZip({ '[Content_Types].xml': ct, 'ppt/presentation.xml': '<p/>' }));
    await expect(sniffFile(docx)).resolves.toEqual({ kind: 'office', mime: MIME.docx });
    await expect(sniffFile(xlsx)).resolves.toEqual({ kind: 'office', mime: MIME.xlsx });
    await expect(sniffFile(pptx)).resolves.toEqual({ kind: 'office', mime: MIME.pptx });
  });

  it('does not call a plain ZIP or a damaged one office', async () => {
    const plain = write('fake.docx', buildZip({ 'word/document.xml': '<w/>' }));
    await expect(sniffFile(plain)).resolves.toEqual({ kind: 'unknown', mime: MIME.zip });
    const truncated = write('cut.docx', buildZip({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' }).subarray(0, 60));
    await expect(sniffFile(truncated)).resolves.toEqual({ kind: 'unknown', mime: MIME.zip });
  });

  it('identifies legacy OLE office files', async () => {
    const ole = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(504)]);
    await expect(sniffFile(write('old.doc', ole))).resolves.toEqual({ kind: 'office', mime: MIME.ole });
  });

  it('identifies PNG, JPEG and WebP images', async () => {
    await expect(sniffFile(write('a.png', Buffer.from(PNG_BASE64, 'base64')))).resolves.toEqual({ kind: 'image', mime: MIME.png });
    expect(sniffHead(Buffer.from('ffd8ffe000104a464946', 'hex'))).toEqual({ kind: 'image', mime: MIME.jpeg });
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    expect(sniffHead(webp)).toEqual({ kind: 'image', mime: MIME.webp });
  });

  it('returns unknown for a text file named .mp4 and for an empty file', async () => {
    await expect(sniffFile(write('lesson.mp4', 'Đây không phải là video.\n'))).resolves.toEqual({ kind: 'unknown', mime: MIME.unknown });
    await expect(sniffFile(write('empty.mp4', ''))).resolves.toEqual({ kind: 'unknown', mime: MIME.unknown });
  });

  describe('probeVideo', () => {
    it('reads duration, size, audio and codec', async () => {
      const info = await probeVideo(path.join(dir, 'clip.bin'));
      expect(info.durationSeconds).toBeGreaterThan(3.8);
      expect(info.durationSeconds).toBeLessThan(4.3);
      expect(info).toMatchObject({ width: 320, height: 240, hasAudio: true, videoCodec: 'h264' });
    });

    it('rejects a text file renamed .mp4 with a Vietnamese message', async () => {
      const file = write('fake.mp4', 'hello, not a video');
      const error = await probeVideo(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidVideoError);
      expect((error as Error).message).toBe('Tệp không phải là video hợp lệ.');
    });

    it('rejects a PNG (an image is not a video) and a missing file', async () => {
      const png = write('b.png', Buffer.from(PNG_BASE64, 'base64'));
      await expect(probeVideo(png)).rejects.toBeInstanceOf(InvalidVideoError);
      await expect(probeVideo(path.join(dir, 'missing.mp4'))).rejects.toBeInstanceOf(InvalidVideoError);
    });
  });
});
