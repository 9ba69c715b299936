// Small helpers the bench's parts share: processes, ports, cookies, percentiles.
export { freePort } from '../lib/local-postgres';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The process and all its descendants (Next starts workers). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* process ended meanwhile */
    }
  }
  const out: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU time (user + system) a process tree has used so far, in ms. The difference across n
 * requests is the server's own work per request, which other load on the machine changes far
 * less than it changes latency: the figure to compare while working on a page.
 */
export function treeCpuMs(rootPid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      ticks += cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      /* gone */
    }
  }
  return ticks * tick;
}

/** CPU time (user + system, ms) of every PostgreSQL process on this machine: the database's share of a request. */
export function postgresCpuMs(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/^\d+ \((postgres|postmaster)\)/.test(stat)) ticks += cpuTicks(stat);
    } catch {
      /* gone */
    }
  }
  return ticks * (1000 / 100); // USER_HZ is 100 on Linux
}

/** Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after "pid (comm)". */
function cpuTicks(stat: string): number {
  const f = stat.split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** Resident memory of a process and all its descendants, in MB. */
export function treeRssMb(rootPid: number): number {
  let kb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}


/** Started detached (own process group) so that stopping it takes Next's workers along. */
export function spawnGroup(cmd: string, args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv; log?: (line: string) => void }): ChildProcess {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    for (const l of b.toString().split('\n')) if (l.trim()) (opts.log ?? ((x) => tail.push(x)))(l);
    if (tail.length > 50) tail.splice(0, tail.length - 50);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  (child as ChildProcess & { tail?: string[] }).tail = tail;
  return child;
}

export function logTail(child: ChildProcess): string {
  return ((child as ChildProcess & { tail?: string[] }).tail ?? []).slice(-20).join('\n');
}

export async function stopGroup(child: ChildProcess | null | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const t = await Promise.race([exited.then(() => 'ok'), sleep(10_000).then(() => 'timeout')]);
  if (t === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export async function waitUp(url: string, child: ChildProcess, limitMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}:\n${logTail(child)}`);
    try {
      const r = await fetch(url, { redirect: 'manual' });
      await r.arrayBuffer();
      if (r.status < 500) return Date.now() - t0;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > limitMs) throw new Error(`${url} did not answer within ${limitMs / 1000} s:\n${logTail(child)}`);
    await sleep(250);
  }
}

export class Jar {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
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
  async get(p: string): Promise<{ status: number; body: string }> {
    // No compression, as the G3 load tool asks: fetch would otherwise ask for gzip, and the
    // walk's CPU per request would include the server compressing the page.
    const res = await fetch(this.base + p, { headers: { cookie: this.header(), 'accept-encoding': 'identity' }, redirect: 'manual' });
    this.take(res);
    return { status: res.status, body: await res.text() };
  }
}

/** The real sign-in: next-auth's CSRF token, then the credentials callback. Throws when no session came back. */
export async function signIn(base: string, phone: string, password: string): Promise<Jar> {
  const jar = new Jar(base);
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, phone, password, json: 'true' }),
    redirect: 'manual',
  });
  jar.take(res);
  await res.arrayBuffer();
  if (![...jar.cookies.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in as ${phone} gave no session (HTTP ${res.status})`);
  return jar;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
