import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { Readable, Transform, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { assertStorageKey, FileStorage, ScratchDir, StagedUpload, StorageLimitError, StorageNotFoundError, StoredObject } from './file-storage';

/** Below the root, out of reach of keys (they never start with a dot); on the same disk, so renames are atomic. */
const STAGING = '.staging';

/**
 * Files on local disk under one root (`STORAGE_DIR`). Objects are written to `.staging/` first and
 * renamed into place, so a reader never sees a partial file. Files are private to the service's
 * user (mode 0600): they are served through the API, never straight from disk.
 */
export class LocalDiskStorage implements FileStorage {
  readonly root: string;
  private readonly staging: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.staging = path.join(this.root, STAGING);
  }

  async stage(source: Readable, options: { maxBytes?: number } = {}): Promise<StagedUpload> {
    const tmp = await this.tempPath();
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) done(new StorageLimitError(options.maxBytes));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(source, counter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    return new LocalStagedUpload(this, tmp, size);
  }

  async put(key: string, data: Buffer | string): Promise<void> {
    const tmp = await this.tempPath();
    try {
      await fs.promises.writeFile(tmp, data, { flag: 'wx', mode: 0o600 });
      await this.moveInto(tmp, key);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  async append(key: string, source: Readable, options: { maxBytes: number }): Promise<number> {
    const file = this.abs(key);
    const before = await fs.promises.stat(file).then(
      (s) => s.size,
      () => null,
    );
    if (before === null) throw new StorageNotFoundError(key);
    // Chunks are written one by one (not piped): when the sender drops, the file stream is ended
    // rather than destroyed, so every byte that arrived is on disk and the size is the resume offset.
    const out = fs.createWriteStream(file, { flags: 'a', mode: 0o600 });
    let received = 0;
    try {
      for await (const chunk of source) {
        received += (chunk as Buffer).length;
        if (received > options.maxBytes) throw new StorageLimitError(options.maxBytes);
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } catch (err) {
      await endStream(out);
      if (err instanceof StorageLimitError) await fs.promises.truncate(file, before);
      throw err;
    }
    await endStream(out);
    return (await fs.promises.stat(file)).size;
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    // Opened first, so a missing object is an error here rather than on the stream later.
    const handle = await fs.promises.open(this.abs(key), 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' || err.code === 'EISDIR' ? new StorageNotFoundError(key) : err;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async readText(key: string): Promise<string | null> {
    return fs.promises.readFile(this.abs(key), 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
  }

  async stat(key: string): Promise<StoredObject | null> {
    const stat = await fs.promises.stat(this.abs(key)).catch(() => null);
    return stat?.isFile() ? { key, size: stat.size, modifiedAt: stat.mtime } : null;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const dir = this.abs(prefix);
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
    const objects: StoredObject[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const stat = await fs.promises.stat(path.join(dir, entry.name)).catch(() => null);
      if (stat) objects.push({ key: `${prefix}/${entry.name}`, size: stat.size, modifiedAt: stat.mtime });
    }
    return objects;
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.abs(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await fs.promises.rm(this.abs(prefix), { recursive: true, force: true });
  }

  async withLocalFile<T>(key: string, work: (localPath: string) => Promise<T>): Promise<T> {
    if (!(await this.stat(key))) throw new StorageNotFoundError(key);
    return work(this.abs(key));
  }

  async scratchDir(): Promise<ScratchDir> {
    await fs.promises.mkdir(this.staging, { recursive: true });
    const dir = await fs.promises.mkdtemp(path.join(this.staging, 'scratch-'));
    return { path: dir, discard: () => fs.promises.rm(dir, { recursive: true, force: true }) };
  }

  async commitDirectory(localDir: string, prefix: string): Promise<void> {
    const target = this.abs(prefix);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // A directory cannot be renamed over a non-empty one: the old set steps aside first.
    const previous = await this.tempPath();
    const hadPrevious = await fs.promises.rename(target, previous).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    try {
      await fs.promises.rename(localDir, target);
    } catch (err) {
      if (hadPrevious) await fs.promises.rename(previous, target).catch(() => undefined);
      throw err;
    }
    if (hadPrevious) await fs.promises.rm(previous, { recursive: true, force: true });
  }

  async sweepStaging(cutoff: Date): Promise<number> {
    const entries = await fs.promises.readdir(this.staging).catch(() => [] as string[]);
    let removed = 0;
    for (const name of entries) {
      const full = path.join(this.staging, name);
      const stat = await fs.promises.stat(full).catch(() => null);
      if (!stat || stat.mtime >= cutoff) continue;
      await fs.promises.rm(full, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  /** Renames a staged file to its key (atomic: same disk). */
  async moveInto(staged: string, key: string): Promise<void> {
    const file = this.abs(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.rename(staged, file);
  }

  private abs(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  private async tempPath(): Promise<string> {
    await fs.promises.mkdir(this.staging, { recursive: true });
    return path.join(this.staging, `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}`);
  }
}

/** Ends a write stream and waits until its data is on disk (or it failed). */
async function endStream(out: Writable): Promise<void> {
  out.end();
  await finished(out);
}

class LocalStagedUpload implements StagedUpload {
  private done = false;

  constructor(
    private readonly storage: LocalDiskStorage,
    readonly localPath: string,
    readonly size: number,
  ) {}

  async commit(key: string): Promise<void> {
    if (this.done) throw new Error('staged upload already committed or discarded');
    await this.storage.moveInto(this.localPath, key);
    this.done = true;
  }

  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await fs.promises.rm(this.localPath, { force: true });
  }
}
