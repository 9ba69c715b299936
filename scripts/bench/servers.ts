// The two servers the ratios compare: the portal's production build, started exactly as
// `npm start` starts it (package.json "start": scripts/start.ts, then relief-serve.mjs under
// plain node), and a bare dynamic Next.js page built from the same node_modules.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnGroup, waitUp } from './util';

const root = process.cwd();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface Running {
  base: string;
  port: number;
  child: ChildProcess;
}

/**
 * Builds the portal into its own folder (so another engineer's `.next` is left alone) unless
 * a build is there and `reuse` is set. A build with NEXT_DIST_DIR adds that folder to
 * tsconfig.json's include list: the file is put back byte for byte afterwards.
 */
export function buildPortal(distDir: string, reuse: boolean): { seconds: number; built: boolean } {
  if (reuse && existsSync(path.join(root, distDir, 'BUILD_ID'))) return { seconds: 0, built: false };
  const tsconfig = readFileSync(path.join(root, 'tsconfig.json'));
  const t0 = Date.now();
  try {
    const r = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  } finally {
    writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  }
  return { seconds: (Date.now() - t0) / 1000, built: true };
}

export async function startPortal(opts: { distDir: string; env: NodeJS.ProcessEnv }): Promise<Running & { firstPageMs: number }> {
  const port = await freePort();
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  // BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of the portal's server (one .cpuprofile when
  // it stops) for docs/performance.md; Node refuses --cpu-prof in NODE_OPTIONS, so it goes on
  // the server's own `node` command.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const command = profileDir ? start.replace(/(^|&& [^&]*?)\bnode /, `$1node --cpu-prof --cpu-prof-dir=${JSON.stringify(profileDir)} `) : start;
  const child = spawnGroup('sh', ['-c', command], {
    cwd: root,
    env: {
      ...opts.env,
      PORT: String(port),
      NEXT_DIST_DIR: opts.distDir,
      NODE_ENV: 'production',
      PATH: `${path.join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const firstPageMs = await waitUp(`${base}/`, child, 300_000);
  return { base, port, child, firstPageMs };
}

const BARE_LAYOUT = `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;
const BARE_PAGE = `import { connection } from 'next/server';

export default async function Page() {
  // Dynamic on every request, like the portal's signed-in pages.
  await connection();
  return <main><h1>Bare page</h1><p>{new Date().toISOString()}</p></main>;
}
`;

/**
 * A minimal Next app in a temp folder with the project's node_modules linked in, built and
 * started. Built with webpack (`next build --webpack`): Turbopack refuses a node_modules link
 * that points outside its workspace root, and with the project as the root it compiles the
 * project's own instrumentation.ts and proxy.ts into the bare app (seen in Next 16.4), which
 * would make the baseline the portal's shell. The server that serves it is the same `next start`.
 */
export async function startBare(): Promise<Running & { dir: string; buildSeconds: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relief-bench-bare-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'layout.tsx'), BARE_LAYOUT);
  writeFileSync(path.join(dir, 'app', 'page.tsx'), BARE_PAGE);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-bare', private: true, type: 'module' }));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: '' } });
  if (r.status !== 0) throw new Error(`bare page: next build failed\n${(r.stdout + r.stderr).slice(-3000)}`);
  const buildSeconds = (Date.now() - t0) / 1000;
  const port = await freePort();
  const child = spawnGroup(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: '' } });
  const base = `http://127.0.0.1:${port}`;
  await waitUp(`${base}/`, child, 60_000);
  return { base, port, child, dir, buildSeconds };
}

export function removeBare(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
