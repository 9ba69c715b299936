// `npm run bench` (issue 8, item 2): starts the production build against the county database
// and measures every target of issue 8 in one bounded run, each ratio against a baseline
// measured in the same run (A B A B, loopback). One line per target — figure, target, PASS or
// FAIL — and the same in bench/results/latest.json. Targets are the issue's; never loosen one
// here to turn a line green.
//
//   npm run db:generate-county      # once: fills .data/county-pg (see scripts/county-db.ts)
//   npm run bench [-- --reuse-build] [-- --no-lighthouse] [-- --only=G1,G2,G3,G4,G5] [-- --hammer=<page of the walk>] [-- --load=<role>:<page>,…]
//
// The portal is built into .next-bench (another build in .next is left alone; --reuse-build
// keeps an existing .next-bench) and started exactly as `npm start` starts it. Also kept from
// the earlier bench: the first start until the first page answers, a sequential walk through
// every page as each role, and the server's resident memory (whole process tree) after it.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readEnv } from '../lib/env';
import { encryptPii, hashPii } from '../lib/pii';
import { hashPassword } from '../lib/password';
import { startCountyDb } from './county-db';
import { cleanupBenchAccounts, countyFigures, createBenchAccounts, dropPgbenchPool, firstApplicationOf, preparePgbenchPool, submittedCount, type BenchAccounts } from '../db/bench/fixture';
import { ormVsRaw } from '../db/bench/orm-vs-raw';
import { resolveChromium } from '../e2e/browser';
import { Report, machine } from './bench/report';
import { Jar, postgresCpuMs, processTree, signIn, stopGroup, treeCpuMs, treeRssMb } from './bench/util';
import { alternate, combine, load, median, type LoadResult } from './bench/load';
import { buildPortal, removeBare, startBare, startPortal } from './bench/servers';
import { actionRound, findPgbench, G2_PROGRAMME, pgbenchRound, saveActionId, submitOnce } from './bench/g2';
import { firstLoadJs, lighthouseScores } from './bench/g5';

const DIST = '.next-bench';
/** At or above this many households the data counts as county scale (Zhuozhou: about 230,000). */
const COUNTY_HOUSEHOLDS = 200_000;
const PASSWORD = 'bench-Pa55word-2026';
/** G2: submissions per action round (each by its own resident) and pgbench transactions per round. */
const G2_ROUNDS = 2;
const G2_PER_ROUND = 40;
const PGBENCH_PER_ROUND = 2000;
const G1_ROUNDS = 3;
const G1_SECONDS = 4;
const G3_ROUNDS = 2;
const G3_SECONDS = 4;

const args = new Set(process.argv.slice(2));
/** `--only=G2,G5` measures those groups alone (while working on one); the others print FAIL "not measured". */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const want = (group: string) => !only || only.includes(group);
const report = new Report();
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const step = (s: string) => console.log(`\n[bench ${elapsed()}] ${s}`);

let portal: ChildProcess | null = null;
let bare: { child: ChildProcess; dir: string } | null = null;
let accounts: BenchAccounts | null = null;
let dbUrl = '';
let stopDb: (() => Promise<void>) | null = null;

/** The secrets the generator and the portal must share (PII keys): from the environment, else the demo secrets in .data/secrets.json. */
function secrets() {
  const e = readEnv({ ...process.env, DATABASE_URL: undefined, DATA_DIR: process.env.DATA_DIR ?? '.data', DEMO_MODE: '1', NODE_ENV: 'production' });
  const keys = Object.entries(e.piiKeys.keys);
  const ordered = [...keys.filter(([id]) => id === e.piiKeys.activeId), ...keys.filter(([id]) => id !== e.piiKeys.activeId)];
  return {
    env: { NEXTAUTH_SECRET: e.authSecret, PII_ENC_KEYS: ordered.map(([id, k]) => `${id}:${k.toString('base64')}`).join(','), PII_HMAC_KEY: e.piiHmacKey.toString('base64') },
    pii: { hash: (v: string) => hashPii(v, e.piiHmacKey), encrypt: (v: string) => encryptPii(v, { id: e.piiKeys.activeId, key: e.piiKeys.keys[e.piiKeys.activeId]! }) },
  };
}

async function parallel<T, R>(items: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

async function main() {
  const m = machine();
  console.log(`machine: ${m.cores} cores (os.availableParallelism), load average ${m.load.join(' ')}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}`);
  report.info.machineAtStart = m;

  step('database');
  const db = await startCountyDb();
  dbUrl = db.url;
  stopDb = db.stop;
  // Before counting, so that an interrupted run's rows neither count nor linger.
  const leftovers = await cleanupBenchAccounts(dbUrl).catch(() => 0);
  if (leftovers) console.log(`removed ${leftovers} bench rows an earlier, interrupted run had left`);
  const figures = await countyFigures(dbUrl);
  const countyScale = figures.households >= COUNTY_HOUSEHOLDS;
  report.info.data = { ...figures, countyScale };
  console.log(`data: ${figures.households} households, ${figures.applications} applications, ${figures.inNotice} in public notice${countyScale ? ' (county scale)' : ''}`);
  if (!countyScale) {
    console.log(
      figures.households === 0
        ? '\n!! The county database is empty. Run `npm run db:generate-county` first; this run seeds the demo data instead, and the county-scale lines (G3, memory) FAIL with "no county data".\n'
        : `\n!! Only ${figures.households} households: not county scale (≥ ${COUNTY_HOUSEHOLDS}). Run \`npm run db:generate-county\`; the county-scale lines (G3, memory) FAIL with "no county data".\n`,
    );
  }
  const sec = secrets();

  step(args.has('--reuse-build') ? `production build (${DIST}, reused when present)` : `production build into ${DIST}`);
  const build = buildPortal(DIST, args.has('--reuse-build'));
  if (build.built) console.log(`built in ${build.seconds.toFixed(0)} s`);

  step('first start (scripts/start.ts: migrations, then relief-serve.mjs)');
  const p = await startPortal({ distDir: DIST, env: { ...process.env, DATABASE_URL: dbUrl, DATA_DIR: path.join('.data', 'bench'), ...sec.env, ...(figures.households === 0 ? { DEMO_MODE: '1' } : {}), LOG_LEVEL: 'warn' } });
  portal = p.child;
  const base = p.base;
  console.log(`first start → first page: ${(p.firstPageMs / 1000).toFixed(1)} s`);
  report.info.firstStartSeconds = p.firstPageMs / 1000;

  step('bench accounts (residents with households, a cadre, an official) and sign-ins');
  const passwordHash = await hashPassword(PASSWORD);
  accounts = await createBenchAccounts(dbUrl, { residents: 2 + G2_ROUNDS * G2_PER_ROUND, pool: G2_ROUNDS * PGBENCH_PER_ROUND + 100, passwordHash, pii: sec.pii });
  const jars = await parallel(accounts.residents, 3, (r) => signIn(base, r.phone, PASSWORD));
  const resident = jars[0]!;
  // One resident who never applies: the apply form answers them with the form (307 to the case once applied).
  const spare = jars.pop()!;
  const actionId = saveActionId(DIST);
  await submitOnce(base, actionId, resident.header());
  const appId = await firstApplicationOf(dbUrl, accounts.residents[0]!.householdId);
  if (!appId) throw new Error('the first submission left no application');
  const cadre = await signIn(base, accounts.cadre.phone, PASSWORD);
  const official = await signIn(base, accounts.official.phone, PASSWORD);

  step('walk: every page as each role, sequential');
  const walks: [string, Jar, string[]][] = [
    ['anonymous', new Jar(base), ['/', '/sign-in', '/register', '/notice', '/api/health']],
    ['resident', resident, ['/', '/resident', '/home', '/resident/household', '/resident/household/damage', '/resident/benefits', '/resident/applications', `/resident/applications/${appId}`, '/resident/grievances', '/resident/grievances/new', '/resident/notifications']],
    ['resident*', spare, [`/resident/apply/${G2_PROGRAMME}`]],
    ['cadre', cadre, ['/', '/cadre', '/cadre/queue', '/cadre/grievances']],
    ['official', official, ['/', '/county', '/county/dashboard', `/county/dashboard?place=${accounts.township.id}`, '/county/decisions']],
  ];
  for (const [who, jar, pages] of walks) {
    for (const page of pages) {
      const first = await jar.get(page);
      const n = 20;
      const s = Date.now();
      const cpu = treeCpuMs(portal.pid!);
      for (let i = 0; i < n; i++) await jar.get(page);
      const cpuPer = (treeCpuMs(portal.pid!) - cpu) / n;
      const kb = Buffer.byteLength(first.body) / 1024;
      // BENCH_DUMP_DIR=/tmp/pages keeps each page's HTML, to see what makes a page heavy.
      if (process.env.BENCH_DUMP_DIR) writeFileSync(path.join(process.env.BENCH_DUMP_DIR, `${who.replace(/\W/g, '')}${page.replace(/\W+/g, '_')}.html`), first.body);
      console.log(`${who.padEnd(10)} ${page.padEnd(48)} ${first.status}  ${((Date.now() - s) / n).toFixed(1)} ms/request (sequential, n=${n}), server CPU ${cpuPer.toFixed(1)} ms/request, ${kb.toFixed(0)} KB of HTML`);
    }
  }
  const rss = treeRssMb(portal.pid!);
  console.log(`resident memory after the walk: ${rss.toFixed(0)} MB (process tree)`);
  if (countyScale) report.add({ id: 'memory', what: 'server resident memory after the walk (PostgreSQL, county data)', figure: rss, unit: 'MB', target: '≤ 400 MB', pass: rss <= 400, absolute: true });
  else report.fail('memory', 'server resident memory after the walk', '≤ 400 MB at county scale', `no county data (${rss.toFixed(0)} MB on ${figures.households} households)`);

  // `--hammer=/county/dashboard` (with BENCH_PROFILE_DIR): that page alone, 300 times in a row as
  // the role whose walk lists it, so the server's CPU profile is about that page.
  const hammer = process.argv.find((a) => a.startsWith('--hammer='))?.slice('--hammer='.length);
  if (hammer) {
    // `--hammer=official:/` picks the role when several walks list the page.
    const [who, page] = hammer.includes(':') ? hammer.split(/:(.*)/s) : [null, hammer];
    // With a role, any page (a variant being compared); without one, a page of the walk.
    const jar = walks.find(([name, , pages]) => (who ? name === who : pages.includes(page)))?.[1];
    if (!jar) throw new Error(`--hammer: ${hammer} names no role of the walk and is not a page of it`);
    const n = Number(process.env.BENCH_HAMMER_N ?? 300);
    step(`hammer: ${hammer} ${n} times (after 20 to warm up)`);
    for (let i = 0; i < 20; i++) await jar.get(page);
    // BENCH_STRACE=/tmp/strace.txt: the system calls of the server's processes during the hammer
    // (a count by default; BENCH_STRACE_ARGS="-e trace=write,writev -s 300" shows the SQL sent).
    let tracer: ChildProcess | null = null;
    if (process.env.BENCH_STRACE) {
      tracer = spawn('strace', [...(process.env.BENCH_STRACE_ARGS ?? '-c').split(' '), '-f', ...processTree(portal.pid!).flatMap((p) => ['-p', String(p)]), '-o', process.env.BENCH_STRACE], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 1000)); // strace attaches before the first request
    }
    const cpu = treeCpuMs(portal.pid!);
    const dbCpu = postgresCpuMs();
    for (let i = 0; i < n; i++) await jar.get(page);
    console.log(`server CPU ${((treeCpuMs(portal.pid!) - cpu) / n).toFixed(1)} ms/request, database CPU ${((postgresCpuMs() - dbCpu) / n).toFixed(2)} ms/request`);
    if (tracer) {
      const exited = new Promise((r) => tracer.once('exit', r));
      tracer.kill('SIGINT');
      await exited;
    }
  }

  // `--load=cadre:/cadre/queue,official:/county`: those pages under the G3 load (10 users), to
  // compare a page with variants of it; printed, not a target.
  const loads = process.argv.find((a) => a.startsWith('--load='))?.slice('--load='.length);
  if (loads) {
    step(`load: ${loads}`);
    for (const spec of loads.split(',')) {
      const [who, page] = spec.split(/:(.*)/s) as [string, string];
      const jar = walks.find(([name]) => name === who)?.[1];
      if (!jar || !page) throw new Error(`--load: ${spec} is not <role of the walk>:<page>`);
      const { r, cpu } = await loadWithCpu(base + page, jar);
      console.log(`load        ${spec}: p95 ${r.p95.toFixed(1)} ms, ${loadNote(r, cpu)}`);
    }
  }

  if (want('G1')) await g1(base, resident, appId);
  else report.fail('G1', 'signed-in resident pages vs bare', '≥ 50 %, p95 ≤ 2×', 'not measured (--only)');
  if (want('G3')) await g3(base, { official, cadre }, countyScale, figures.inNotice, accounts.township.id);
  else report.fail('G3', 'county-scale p95s', '≤ 150 / 50 / 100 ms', 'not measured (--only)');
  if (want('G2')) await g2(base, actionId, jars);
  else report.fail('G2', 'submissions/s vs pgbench', '≥ 40 %', 'not measured (--only)');
  if (want('G4')) await g4();
  else report.fail('G4', 'Drizzle vs pg p50', '≤ 1.2×', 'not measured (--only)');
  if (want('G5')) await g5(base, resident, spare, appId);
  else report.fail('G5', 'first-load JS, Lighthouse', '≤ 1.3×, ≥ 95 / 100', 'not measured (--only)');
}

async function g1(base: string, resident: Jar, appId: string) {
  step('G1: signed-in resident pages against a bare dynamic Next.js page (A B A B)');
  const b = await startBare();
  bare = b;
  console.log(`bare page built in ${b.buildSeconds.toFixed(0)} s, serving on ${b.base}`);
  const g1Pages = [['home', '/resident'], ['my applications', '/resident/applications'], ['one application', `/resident/applications/${appId}`]] as const;
  for (const [name, page] of g1Pages) {
    const check = await resident.get(page);
    if (check.status !== 200) {
      report.fail(`G1 ${name}`, `${page} req/s`, '≥ 50 % of the bare page', `HTTP ${check.status} for the signed-in resident`);
      continue;
    }
    const r = await alternate(
      G1_ROUNDS,
      () => load({ url: base + page, headers: { cookie: resident.header() }, seconds: G1_SECONDS }),
      () => load({ url: b.base + '/', seconds: G1_SECONDS }),
    );
    const a = combine(r.a);
    const bb = combine(r.b);
    const note = `${a.rps.toFixed(0)} vs ${bb.rps.toFixed(0)} req/s, p95 ${a.p95.toFixed(0)} vs ${bb.p95.toFixed(0)} ms, 10 connections, ${G1_ROUNDS}×${G1_SECONDS} s each${a.non2xx + a.errors ? `, ${a.non2xx} non-2xx + ${a.errors} errors` : ''}`;
    report.add({ id: `G1 ${name}`, what: `${page} req/s vs bare`, figure: (100 * a.rps) / bb.rps, unit: '%', target: '≥ 50 %', pass: a.rps >= 0.5 * bb.rps && a.non2xx + a.errors === 0, note });
    report.add({ id: `G1 ${name} p95`, what: `${page} p95 vs bare`, figure: a.p95 / bb.p95, unit: '×', target: '≤ 2×', pass: a.p95 <= 2 * bb.p95, note: `p95 ${a.p95.toFixed(0)} vs ${bb.p95.toFixed(0)} ms` });
  }
  await stopGroup(b.child);
  removeBare(b.dir);
  bare = null;
}

async function g3(base: string, staff: { official: Jar; cadre: Jar }, countyScale: boolean, inNotice: number, township: number) {
  const { official, cadre } = staff;
  step('G3: county scale, 10 concurrent users (absolute p95)');
  const g3: [string, string, Jar, string, number][] = [
    ['G3 county', '/county (official)', official, '/county', 150],
    // The dashboard (issue 11 item 1) at the county's root and one drill-down below it: the same target.
    ['G3 dashboard', '/county/dashboard (official, whole county)', official, '/county/dashboard', 150],
    ['G3 dashboard township', '/county/dashboard?place=<largest township> (official)', official, `/county/dashboard?place=${township}`, 150],
    ['G3 cadre', '/cadre/queue first page', cadre, '/cadre/queue', 50],
    ['G3 notice', '/notice (public)', new Jar(base), '/notice', 100],
  ];
  for (const [id, what, jar, page, limit] of g3) {
    if (!countyScale) {
      report.fail(id, `${what} p95`, `≤ ${limit} ms`, 'no county data');
      continue;
    }
    if (id === 'G3 notice' && inNotice < 5000) {
      report.fail(id, `${what} p95`, `≤ ${limit} ms with ≥ 5,000 cases in notice`, `only ${inNotice} cases in notice`);
      continue;
    }
    const { r, cpu } = await loadWithCpu(base + page, jar);
    const bad = r.non2xx + r.errors;
    report.add({ id, what: `${what} p95`, figure: r.p95, unit: 'ms', target: `≤ ${limit} ms`, pass: r.p95 <= limit && bad === 0, absolute: true, note: loadNote(r, cpu) });
  }
  // For reading the lines above (not a target): the same load on the lightest signed-in page
  // there is, the cadre's '/' (the root layout — session, header, footer — and a short text).
  // No page can do better than this floor on this machine and this stack.
  if (countyScale) {
    const { r, cpu } = await loadWithCpu(`${base}/`, cadre);
    console.log(`reference   the lightest signed-in page ('/' as the cadre), same load: p95 ${r.p95.toFixed(0)} ms, p50 ${r.p50.toFixed(0)} ms, ${r.rps.toFixed(0)} req/s; ${cpu}`);
  }
  // A filtered page deep in the list: the queue's own "load more" links followed DEEP_PAGES times.
  const what = `/cadre/queue?${DEEP_FILTER} after ${DEEP_PAGES} pages, p95`;
  if (!countyScale) {
    report.fail('G3 cadre deep', what, '≤ 50 ms', 'no county data');
    return;
  }
  const deep = await deepQueueUrl(base, cadre);
  if (!deep.url) {
    report.fail('G3 cadre deep', what, '≤ 50 ms', `the filtered list ended after ${deep.pages} pages: ${deep.why}`);
    return;
  }
  const { r, cpu } = await loadWithCpu(base + deep.url, cadre);
  const bad = r.non2xx + r.errors;
  report.add({ id: 'G3 cadre deep', what, figure: r.p95, unit: 'ms', target: '≤ 50 ms', pass: r.p95 <= 50 && bad === 0, absolute: true, note: loadNote(r, cpu) });
}

/** A G3 line's note: throughput, median, failures if any, and the CPU figures of `loadWithCpu`. */
function loadNote(r: LoadResult, cpu: string): string {
  const bad = r.non2xx + r.errors;
  return `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(0)} ms${bad ? `, ${bad} failed requests` : ''}; ${cpu}`;
}

/**
 * G3_ROUNDS loads of one page, with what the server and PostgreSQL spent per request meanwhile
 * and how busy the server's event loop was (its CPU over the wall time): a page that leaves the
 * server idle under load waits on something other than its own work.
 */
async function loadWithCpu(url: string, jar: Jar) {
  const rounds = [];
  const cpu0 = treeCpuMs(portal!.pid!);
  const db0 = postgresCpuMs();
  const t0 = Date.now();
  for (let i = 0; i < G3_ROUNDS; i++) rounds.push(await load({ url, headers: { cookie: jar.header() }, seconds: G3_SECONDS }));
  const wall = Date.now() - t0;
  const r = combine(rounds);
  const server = treeCpuMs(portal!.pid!) - cpu0;
  const db = postgresCpuMs() - db0;
  const n = Math.max(1, r.requests);
  return { r, cpu: `server CPU ${(server / n).toFixed(1)} ms/req (${((100 * server) / wall).toFixed(0)} % of a core), PostgreSQL ${(db / n).toFixed(1)} ms/req` };
}

const DEEP_FILTER = 'programme=appliance_repair&status=approved';
/** 50 pages of 20: the 1,000th row onwards. */
const DEEP_PAGES = 50;

/** Follows the queue's "load more" link page after page, as a cadre would, and returns the deep page's address. */
async function deepQueueUrl(base: string, jar: Jar): Promise<{ url: string | null; pages: number; why?: string }> {
  let url = `/cadre/queue?${DEEP_FILTER}`;
  for (let page = 0; page < DEEP_PAGES; page++) {
    const res = await fetch(base + url, { headers: { cookie: jar.header(), 'accept-encoding': 'identity' }, redirect: 'manual' });
    const html = await res.text();
    const next = /href="(\/cadre\/queue\?[^"]*after=[^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !next) return { url: null, pages: page, why: `${url} answered HTTP ${res.status}${res.headers.get('location') ? ` to ${res.headers.get('location')}` : ''}, ${html.length} characters, ${next ? 'with' : 'without'} a "load more" link` };
    url = next.replace(/&amp;/g, '&');
  }
  return { url, pages: DEEP_PAGES };
}

async function g2(base: string, actionId: string, jars: Jar[]) {
  if (!accounts) throw new Error('no bench accounts');
  step('G2: the save-application server action against pgbench with the same statements (A B A B)');
  const pgbench = findPgbench();
  if (!pgbench) {
    report.fail('G2', 'application submissions/s vs pgbench', '≥ 40 % of pgbench', 'pgbench unavailable (apt-get install postgresql-client-15)');
  } else {
    await preparePgbenchPool(dbUrl, accounts);
    const cookies = jars.slice(1).map((j) => j.header());
    const owner = accounts.residents[0]!.userId;
    let round = 0;
    const r = await alternate(
      G2_ROUNDS,
      async () => actionRound(base, actionId, cookies.slice(round * G2_PER_ROUND, ++round * G2_PER_ROUND)),
      async () => ({ tps: pgbenchRound(pgbench, dbUrl, owner, PGBENCH_PER_ROUND), ok: PGBENCH_PER_ROUND, failed: 0 }),
    );
    const written = await submittedCount(dbUrl, accounts.residents.slice(1).map((x) => x.householdId));
    const ok = r.a.reduce((s, x) => s + x.ok, 0);
    const failed = r.a.reduce((s, x) => s + x.failed, 0);
    const action = median(r.a.map((x) => x.tps));
    const base2 = median(r.b.map((x) => x.tps));
    report.add({
      id: 'G2',
      what: 'application submissions/s through the server action vs pgbench',
      figure: (100 * action) / base2,
      unit: '%',
      target: '≥ 40 %',
      pass: action >= 0.4 * base2 && failed === 0 && written === ok,
      note: `${action.toFixed(1)} vs ${base2.toFixed(0)} tps, 10 connections, ${G2_ROUNDS} rounds of ${G2_PER_ROUND} submissions / ${PGBENCH_PER_ROUND} transactions; ${written} applications submitted of ${ok} answered${failed ? `, ${failed} failed` : ''}`,
    });
    await dropPgbenchPool(dbUrl);
  }
}

async function g4() {
  if (!accounts) throw new Error('no bench accounts');
  step('G4: Drizzle against raw pg with the same SQL (alternating, in-process)');
  const g4 = await ormVsRaw(dbUrl, { userId: accounts.residents[0]!.userId, householdId: accounts.residents[0]!.householdId, townshipPath: accounts.township.path });
  for (const q of g4) {
    report.add({ id: 'G4', what: `${q.name} p50 Drizzle vs pg`, figure: q.drizzleP50 / q.rawP50, unit: '×', target: '≤ 1.2×', pass: q.drizzleP50 <= 1.2 * q.rawP50, note: `${q.drizzleP50.toFixed(2)} vs ${q.rawP50.toFixed(2)} ms, n=${q.iterations}` });
  }
}

async function g5(base: string, resident: Jar, spare: Jar, appId: string) {
  step('G5: first-load JavaScript per resident route (build manifests) and Lighthouse mobile');
  const routes = (Object.values(JSON.parse(readFileSync(path.join(DIST, 'app-path-routes-manifest.json'), 'utf8'))) as string[]).filter((r) => r === '/resident' || r.startsWith('/resident/')).sort();
  const js = firstLoadJs(DIST, routes);
  const smallest = Math.min(...js.map((r) => r.bytes));
  for (const r of js) {
    report.add({ id: 'G5 js', what: `${r.route} first-load JS vs smallest`, figure: r.bytes / smallest, unit: '×', target: '≤ 1.3×', pass: r.bytes <= 1.3 * smallest, note: `${(r.bytes / 1024).toFixed(0)} KB (${(r.gzipBytes / 1024).toFixed(0)} KB gzip), ${r.files} files` });
  }
  const lhPages = [['home', '/resident', resident], ['apply form', `/resident/apply/${G2_PROGRAMME}`, spare], ['application', `/resident/applications/${appId}`, resident]] as const;
  if (args.has('--no-lighthouse')) {
    for (const [name] of lhPages) report.fail(`G5 lighthouse`, `${name} performance / accessibility`, '≥ 95 / 100', 'not measured (--no-lighthouse)');
  } else {
    let chrome: string | null = null;
    try {
      chrome = (await resolveChromium(process.env, { prefer: 'full' })).path;
    } catch (err) {
      for (const [name] of lhPages) report.fail('G5 lighthouse', `${name} performance / accessibility`, '≥ 95 / 100', `no Chromium: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (chrome) {
      // Lighthouse follows redirects: a page that does not answer 200 itself would be scored as another page.
      const statuses = await Promise.all(lhPages.map(([, page, jar]) => jar.get(page).then((r) => r.status)));
      const measurable = lhPages.filter((_, i) => statuses[i] === 200);
      lhPages.forEach(([name, page], i) => {
        if (statuses[i] !== 200) report.fail('G5 lighthouse', `${name} performance / accessibility`, '≥ 95 / 100', `${page} answered HTTP ${statuses[i]}`);
      });
      const scores = await lighthouseScores(chrome, measurable.map(([, page, jar]) => ({ url: base + page, cookie: jar.header() })));
      scores.forEach((s, i) => {
        const name = measurable[i]![0];
        const tbt = s.tbtMs === null ? '' : `TBT ${s.tbtMs.toFixed(0)} ms, LCP ${((s.lcpMs ?? 0) / 1000).toFixed(1)} s`;
        report.add({ id: 'G5 lh perf', what: `Lighthouse mobile performance, resident ${name}`, figure: s.performance, unit: '', target: '≥ 95', pass: (s.performance ?? 0) >= 95, note: tbt, absolute: true });
        report.add({ id: 'G5 lh a11y', what: `Lighthouse accessibility, resident ${name}`, figure: s.accessibility, unit: '', target: '= 100', pass: s.accessibility === 100 });
      });
    }
  }
}

async function cleanup() {
  await stopGroup(portal).catch(() => {});
  portal = null;
  if (bare) {
    await stopGroup(bare.child).catch(() => {});
    removeBare(bare.dir);
    bare = null;
  }
  if (accounts && dbUrl) {
    await dropPgbenchPool(dbUrl).catch(() => {});
    await cleanupBenchAccounts(dbUrl).catch((err: unknown) => console.error('could not remove the bench accounts:', err instanceof Error ? err.message : err));
    accounts = null;
  }
  if (stopDb) await stopDb().catch(() => {});
  stopDb = null;
}

for (const s of ['SIGINT', 'SIGTERM'] as const) {
  process.once(s, () => {
    console.error(`\n[bench] ${s}: stopping the servers`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async () => {
    report.info.seconds = (Date.now() - started) / 1000;
    report.summary();
    console.log(`whole bench: ${elapsed()} (bound: 10 minutes on 2 cores)`);
    report.write();
    step('clean-up: servers stopped, bench accounts removed');
    await cleanup();
  })
  .catch(async (err: unknown) => {
    console.error('\n[bench] stopped:', err instanceof Error ? err.stack ?? err.message : err);
    await cleanup();
    report.summary();
    report.write();
    process.exit(1);
  });
