import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { isStorageKey, StorageLimitError, StorageNotFoundError } from './file-storage';
import { LocalDiskStorage } from './local-disk.storage';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

/** A stream that sends `first`, then fails as a dropped connection would (once read that far). */
function cutOff(first: string): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(first);
      } else setImmediate(() => this.destroy(new Error('connection reset')));
    },
  });
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  /** Every file under the root, staging included, relative to it. */
  const files = () => (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-storage-'));
    storage = new LocalDiskStorage(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stages a stream, shows it under its key only once committed, and reads it back whole or by range', async () => {
    const staged = await storage.stage(Readable.from(['xin ', 'chào']));
    expect(staged.size).toBe(Buffer.byteLength('xin chào'));
    expect(fs.readFileSync(staged.localPath, 'utf8')).toBe('xin chào');
    expect(await storage.stat('covers/a.txt')).toBeNull();
    await staged.commit('covers/a.txt');
    await staged.discard(); // after a commit: nothing to do
    expect(await storage.stat('covers/a.txt')).toMatchObject({ key: 'covers/a.txt', size: Buffer.byteLength('xin chào') });
    expect(await text(await storage.read('covers/a.txt'))).toBe('xin chào');
    expect(await text(await storage.read('covers/a.txt', { start: 4, end: 8 }))).toBe('chào');
    expect(files()).toEqual(['covers/a.txt']);
  });

  it('leaves nothing behind when the incoming stream is cut off or exceeds its limit', async () => {
    await expect(storage.stage(cutOff('một nửa tệp'))).rejects.toThrow('connection reset');
    await expect(storage.stage(Readable.from(['0123456789']), { maxBytes: 5 })).rejects.toBeInstanceOf(StorageLimitError);
    const staged = await storage.stage(Readable.from(['bỏ đi']));
    await staged.discard();
    expect(files()).toEqual([]);
  });

  it('replaces objects atomically with put, and reads missing ones as absent', async () => {
    await storage.put('media/x/captions.vtt', 'WEBVTT\n');
    await storage.put('media/x/captions.vtt', 'WEBVTT\n\n1\n');
    expect(await storage.readText('media/x/captions.vtt')).toBe('WEBVTT\n\n1\n');
    expect(await storage.readText('media/x/none.vtt')).toBeNull();
    expect(await storage.stat('media/x')).toBeNull(); // a prefix is not an object
    await expect(storage.read('media/x/none.vtt')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.withLocalFile('media/x/none.vtt', async () => 1)).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await storage.withLocalFile('media/x/captions.vtt', async (p) => fs.readFileSync(p, 'utf8'))).toMatch(/^WEBVTT/);
    expect(files()).toEqual(['media/x/captions.vtt']);
  });

  it('appends what arrives (kept when the sender drops), and keeps nothing of a call that overflows', async () => {
    await storage.put('media/uploads/u.part', '');
    expect(await storage.append('media/uploads/u.part', Readable.from(['abc']), { maxBytes: 10 })).toBe(3);
    await expect(storage.append('media/uploads/u.part', cutOff('de'), { maxBytes: 10 })).rejects.toThrow('connection reset');
    expect(await storage.readText('media/uploads/u.part')).toBe('abcde');
    await expect(storage.append('media/uploads/u.part', Readable.from(['fgh', 'ijklmnop']), { maxBytes: 5 })).rejects.toBeInstanceOf(StorageLimitError);
    expect(await storage.readText('media/uploads/u.part')).toBe('abcde');
    await expect(storage.append('media/uploads/none.part', Readable.from(['x']), { maxBytes: 5 })).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('lists objects directly under a prefix, and deletes objects and prefixes idempotently', async () => {
    await storage.put('media/uploads/a.part', '1');
    await storage.put('media/uploads/a.json', '{}');
    await storage.put('media/uploads/sub/b.part', '22');
    expect((await storage.list('media/uploads')).map((o) => o.key).sort()).toEqual(['media/uploads/a.json', 'media/uploads/a.part']);
    expect(await storage.list('khong-co')).toEqual([]);
    await storage.delete('media/uploads/a.json');
    await storage.delete('media/uploads/a.json');
    await storage.deletePrefix('media/uploads');
    await storage.deletePrefix('media/uploads');
    expect(files()).toEqual([]);
  });

  it('publishes a scratch directory under a prefix, replacing the previous set', async () => {
    await storage.put('media/v/hls/old.m3u8', 'old');
    const scratch = await storage.scratchDir();
    fs.mkdirSync(path.join(scratch.path, 'hls/240p'), { recursive: true });
    fs.writeFileSync(path.join(scratch.path, 'hls/master.m3u8'), '#EXTM3U');
    fs.writeFileSync(path.join(scratch.path, 'hls/240p/index.m3u8'), '#EXTM3U');
    await storage.commitDirectory(path.join(scratch.path, 'hls'), 'media/v/hls');
    await scratch.discard();
    expect(files()).toEqual(['media/v/hls/240p/index.m3u8', 'media/v/hls/master.m3u8']);
  });

  it('sweeps staging leftovers older than the cutoff only', async () => {
    const old = await storage.stage(Readable.from(['cũ']));
    const fresh = await storage.stage(Readable.from(['mới']));
    const past = new Date(Date.now() - 3 * 3600_000);
    fs.utimesSync(old.localPath, past, past);
    expect(await storage.sweepStaging(new Date(Date.now() - 3600_000))).toBe(1);
    expect(fs.existsSync(old.localPath)).toBe(false);
    expect(fs.existsSync(fresh.localPath)).toBe(true);
  });

  it('refuses keys that could leave the root or reach the staging area', async () => {
    for (const key of ['../etc/passwd', 'covers/../../x', '/abs', '.staging/x', 'a//b', '', 'covers/a b.png', 'a/.hidden']) {
      expect({ key, ok: isStorageKey(key) }).toEqual({ key, ok: false });
      await expect(storage.put(key, 'x')).rejects.toThrow(/invalid storage key/);
    }
    expect(isStorageKey('media/0f8fad5b-d9cb-469f-a165-70867728950e/hls/240p/240p_0001.ts')).toBe(true);
    expect(files()).toEqual([]);
  });
});
