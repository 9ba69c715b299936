// Benchmark (prints figures, asserts nothing): first start on a fresh data folder — build
// included when there is no build (`--fresh-build` removes it) — until the first page
// answers; then a walk through every page as each role; then the server's resident memory
// (the whole process tree) and a short burst of requests per page.
// Targets (issue 2): first page < 2 minutes on 2 cores; < 600 MB resident after the walk.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const PORT = process.env.BENCH_PORT ?? '3299';
const base = `http://localhost:${PORT}`;
const dataDir = path.join(process.cwd(), '.data', 'bench');

function treeRssMb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* process ended meanwhile */
    }
  }
  let kb = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

class Jar {
  cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  async get(p: string) {
    const res = await fetch(base + p, { headers: { cookie: this.header() }, redirect: 'manual' });
    this.take(res);
    await res.arrayBuffer();
    return res.status;
  }
}

async function signIn(phone: string): Promise<Jar> {
  const jar = new Jar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, phone, password: 'demo1234', json: 'true' }),
    redirect: 'manual',
  });
  jar.take(res);
  return jar;
}

async function main() {
  if (process.argv.includes('--fresh-build')) rmSync('.next', { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  const t0 = Date.now();
  // Exactly what `npm start` runs, without npm itself in the process tree.
  const command = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string;
  const server = spawn('sh', ['-c', command], { env: { ...process.env, PORT, DATA_DIR: dataDir, PATH: `${path.resolve('node_modules/.bin')}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  server.stdout.on('data', () => {});
  let firstPage = 0;
  for (;;) {
    try {
      const r = await fetch(`${base}/`);
      if (r.ok) {
        firstPage = Date.now() - t0;
        break;
      }
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 300_000) throw new Error('server did not answer within 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`first start → first page: ${(firstPage / 1000).toFixed(1)} s (target < 120 s)`);

  const walks: [string, string[]][] = [
    ['anonymous', ['/', '/sign-in', '/register', '/notice', '/api/health']],
    ['13800000001', ['/', '/resident', '/home', '/resident/household', '/resident/household/damage', '/resident/benefits', '/resident/apply/heating_fee_waiver', '/resident/applications', '/resident/grievances', '/resident/grievances/new', '/resident/notifications']],
    ['13800000002', ['/', '/cadre', '/cadre/grievances']],
    ['13800000003', ['/', '/county', '/county/decisions']],
  ];
  const timings: string[] = [];
  for (const [who, pages] of walks) {
    const jar = who === 'anonymous' ? new Jar() : await signIn(who);
    for (const p of pages) {
      const status = await jar.get(p);
      const n = 30;
      const s = Date.now();
      for (let i = 0; i < n; i++) await jar.get(p);
      timings.push(`${who.padEnd(12)} ${p.padEnd(36)} ${status}  ${((Date.now() - s) / n).toFixed(1)} ms/request (sequential, n=${n})`);
    }
  }
  console.log(timings.join('\n'));
  console.log(`resident memory after the walk: ${treeRssMb(server.pid!).toFixed(0)} MB (target < 600 MB)`);
  process.kill(-server.pid!, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
