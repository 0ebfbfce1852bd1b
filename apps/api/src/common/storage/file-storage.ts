import type { Readable } from 'node:stream';

/**
 * Where uploaded and generated files live (media, course images, imports, and next certificates),
 * behind one interface so services never touch a file system themselves. Objects are addressed by
 * keys such as `covers/<name>.jpg` or `media/<id>/hls/master.m3u8`: `/`-separated segments of
 * letters, digits, `_`, `-` and `.`, never starting with a dot and never containing `..`.
 *
 * The local-disk driver is the only one today. The interface is shaped for an S3-compatible driver:
 * whole-object writes are atomic (a reader sees the old object or the new one, never half of it);
 * incoming streams are staged in a private local file and become visible under a key only when
 * committed, so an upload that fails or is cut off leaves nothing behind; tools that need a real
 * file (ffmpeg, spreadsheet readers, content sniffing) get one through `withLocalFile` or a staged
 * upload's `localPath` (a temporary download for a remote driver).
 */
export interface FileStorage {
  /**
   * Streams `source` into a private staging file. Nothing appears under any key until the result is
   * committed; when the stream fails or exceeds `maxBytes` (StorageLimitError) the staged bytes are
   * removed and the error is rethrown.
   */
  stage(source: Readable, options?: { maxBytes?: number }): Promise<StagedUpload>;
  /** Writes a whole object, atomically, replacing any object under `key`. */
  put(key: string, data: Buffer | string): Promise<void>;
  /**
   * Appends to an existing object (a resumable upload being received). What arrives before `source`
   * fails is kept; beyond `maxBytes` nothing of this call is kept (StorageLimitError). Answers the
   * object's new size. (An S3 driver would map this to a multipart upload.)
   */
  append(key: string, source: Readable, options: { maxBytes: number }): Promise<number>;
  /** The object's bytes, or `range` of them (inclusive); StorageNotFoundError when there is none. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** A small object as UTF-8 text, or null when there is none. */
  readText(key: string): Promise<string | null>;
  stat(key: string): Promise<StoredObject | null>;
  /** Objects directly under `prefix/` (not below its sub-prefixes). */
  list(prefix: string): Promise<StoredObject[]>;
  /** Removes an object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every object under `prefix/`; none is not an error. */
  deletePrefix(prefix: string): Promise<void>;
  /** Runs `work` with a local file holding the object (StorageNotFoundError when there is none). */
  withLocalFile<T>(key: string, work: (localPath: string) => Promise<T>): Promise<T>;
  /** A private local directory for work that produces many files (transcoding); `discard` removes it. */
  scratchDir(): Promise<ScratchDir>;
  /**
   * Publishes the files of `localDir` (from `scratchDir`) under `prefix/`, replacing what was there.
   * The new set becomes visible at once; `localDir` is consumed.
   */
  commitDirectory(localDir: string, prefix: string): Promise<void>;
  /** Removes staging and scratch leftovers last modified before `cutoff` (a process that died mid-upload). */
  sweepStaging(cutoff: Date): Promise<number>;
}

export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface StagedUpload {
  /** A local file with the staged bytes, for checks before publishing (content sniffing). */
  readonly localPath: string;
  readonly size: number;
  /** Publishes the bytes under `key` (atomically, replacing any object there). */
  commit(key: string): Promise<void>;
  /** Drops the staged bytes; safe to call more than once, and after a commit (then it does nothing). */
  discard(): Promise<void>;
}

export interface ScratchDir {
  readonly path: string;
  discard(): Promise<void>;
}

/** Nest injection token of the FileStorage. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
  }
}

export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** True when `key` is a well-formed storage key (see FileStorage). */
export function isStorageKey(key: string): boolean {
  const segments = key.split('/');
  return segments.length <= 12 && !key.includes('..') && segments.every((s) => SEGMENT.test(s));
}

/** Throws on a malformed key: keys are built by code, so a bad one is a bug, never user input. */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}
