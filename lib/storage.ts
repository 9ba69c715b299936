// Where uploaded files live (TRUST.md P3, PRODUCT.md "Beyond one machine"): one small
// interface, a local-disk implementation under env().uploadDir (outside the web root) today,
// and an S3-compatible one later (implement Storage and return it from getStorage()).
// Keys are always generated here, never taken from an uploaded file name.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from './env';

export interface Storage {
  /** Stores bytes under a key from `newStorageKey`; refuses to overwrite an existing key. */
  put(key: string, bytes: Uint8Array, mime: string): Promise<void>;
  /** The stored bytes, or null when there is nothing under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the key; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** `2026/05/<uuid>.jpg`: a generated name, grouped by month so no folder grows without bound. */
export function newStorageKey(extension: 'jpg' | 'png' | 'pdf', now: Date = new Date()): string {
  const y = String(now.getUTCFullYear());
  const m = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${y}/${m}/${randomUUID()}.${extension}`;
}

const KEY_SHAPE = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(jpg|png|pdf)$/;

export function isStorageKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  /** Only generated keys, and the resolved path must stay inside the root. */
  private pathOf(key: string): string {
    if (!isStorageKey(key)) throw new Error('storage: not a generated key');
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error('storage: key leaves the storage root');
    return full;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const full = this.pathOf(key);
    await mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    // Write beside, then hard-link into place: a reader never sees half a file, and link()
    // fails if the key exists, so nothing is ever overwritten.
    const tmp = `${full}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
    try {
      await link(tmp, full);
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

const g = globalThis as unknown as { __reliefStorage?: Storage };

/** The storage of this process (local disk under UPLOAD_DIR, default DATA_DIR/uploads). */
export function getStorage(): Storage {
  g.__reliefStorage ??= new LocalDiskStorage(env().uploadDir);
  return g.__reliefStorage;
}

/** For tests: use another backend (or a fresh folder) in this process. */
export function setStorage(storage: Storage | undefined): void {
  g.__reliefStorage = storage;
}
