// End-to-end tests in Chromium (STACK.md "Browser tests"). The main project is a 360 px
// phone in Chinese, the way most residents will see the portal; 'desktop' repeats the
// read-only checks (accessibility, language) on a wide screen.
//
// The web server is the real portal (`npm start`) on a fresh embedded database under
// .data/e2e-<port>, so every run starts from the demo seed. `npm start` itself builds only when
// there is no build; here the app is rebuilt first in CI, with E2E_REBUILD=1, or when a
// source file is newer than the build, so the tests never run against a stale .next.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices, type Project } from '@playwright/test';
import { resolveChromium } from './e2e/browser';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${PORT}`;
// One data folder per port, so parallel runs (E2E_PORT=…) never share an embedded database.
const DATA_DIR = `.data/e2e-${PORT}`;
const CI = !!process.env.CI;

// CHROMIUM_PATH, else Debian's Chromium, else the one installed from npm (e2e/browser.ts).
const browser = await resolveChromium();
const executablePath = browser.path;
if (!process.env.TEST_WORKER_INDEX) console.log(`e2e: Chromium from ${browser.source} (${executablePath})`);

/** True when a file the build depends on changed after the build in NEXT_DIST_DIR (default .next). */
function buildIsStale(): boolean {
  const buildId = path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false; // `npm start` builds it anyway
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (p: string): boolean => {
    if (!existsSync(p)) return false;
    const st = statSync(p);
    if (!st.isDirectory()) return !/\.test\.tsx?$/.test(p) && st.mtimeMs > builtAt;
    return readdirSync(p).some((name) => newer(path.join(p, name)));
  };
  const inputs = ['app', 'components', 'lib', 'db', 'messages', 'public', 'proxy.ts', 'middleware.ts', 'instrumentation.ts', 'next.config.js', 'postcss.config.mjs', 'package-lock.json'];
  return inputs.some(newer);
}

// ---- Projects: the phone (every spec) and the desktop (read-only checks again) ------------------
const phone = {
  ...devices['Pixel 5'],
  browserName: 'chromium' as const,
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};
const desktop = { ...devices['Desktop Chrome'], browserName: 'chromium' as const, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };
// Only the checks that change no shared data (sign-in counters, lockouts) run twice.
const DESKTOP_SPECS = /(a11y|i18n)\.spec\.ts$/;

const WORKERS = Number(process.env.E2E_WORKERS ?? 2);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error(`E2E_WORKERS must be a whole number ≥ 1, not "${process.env.E2E_WORKERS}"`);

/**
 * E2E_ORDER=reverse starts the spec files in reverse alphabetical order: one project per file,
 * listed last file first (the workers take test groups in the order of the projects), with the
 * usual workers; it proves that no spec needs what another did first. E2E_ORDER=reverse-chained
 * makes it strict, one file after the other (each project depends on the one before), at the
 * price of Playwright skipping every later file once one fails.
 */
function reversedProjects(chained: boolean): Project[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const files = readdirSync('e2e').filter((f) => f.endsWith('.spec.ts')).sort().reverse();
  const out: Project[] = [];
  let before: string[] = [];
  for (const file of files) {
    const match = new RegExp(`(^|/)${escape(file)}$`);
    const dependencies = chained ? before : [];
    const mine: Project[] = [{ name: `phone:${file}`, testMatch: match, use: phone, dependencies }];
    if (DESKTOP_SPECS.test(file)) mine.push({ name: `desktop:${file}`, testMatch: match, use: desktop, dependencies });
    out.push(...mine);
    before = mine.map((p) => p.name!);
  }
  return out;
}

const ORDER = process.env.E2E_ORDER ?? 'alphabetical';
if (!['alphabetical', 'reverse', 'reverse-chained'].includes(ORDER)) throw new Error(`E2E_ORDER must be "reverse", "reverse-chained" or unset, not "${ORDER}"`);
const projects: Project[] =
  ORDER !== 'alphabetical'
    ? reversedProjects(ORDER === 'reverse-chained')
    : // The desktop checks first, each test on its own: listed last, they had come at the end
      // as one file on one worker (a11y, about a minute) while the other worker sat idle.
      [
        { name: 'desktop', testMatch: DESKTOP_SPECS, use: desktop, fullyParallel: true },
        { name: 'phone', use: phone },
      ];

const rebuild = CI || process.env.E2E_REBUILD === '1' || buildIsStale();
// `env -u`: the e2e server always runs the seeded demo on PGlite, even when the shell has a
// DATABASE_URL (the integration phase's PostgreSQL, or a developer's own database).
const serverCommand = [
  `rm -rf ${DATA_DIR}`,
  ...(rebuild ? ['npx next build'] : []),
  `env -u DATABASE_URL -u DEMO_MODE -u NEXTAUTH_SECRET -u PII_ENC_KEYS -u PII_HMAC_KEY -u UPLOAD_DIR DATA_DIR=${DATA_DIR} PORT=${PORT} npm start`,
].join(' && ');

export default defineConfig({
  testDir: 'e2e',
  // One results folder per port: parallel runs (other E2E_PORTs) do not clear each other's.
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // 2 cores, one embedded single-connection database in the server: two browsers by default.
  // E2E_WORKERS=3 (or more) checks that the specs do not depend on each other's timing.
  workers: WORKERS,
  reporter: 'list',
  // Limits on waiting, not waits: a passing test takes as long as the states it waits for. They
  // are set for a slow, busy machine (on 2026-11-30 these 2 cores ran the same build three to
  // four times slower than the day before, and 30 s per journey and 10 s per state timed out
  // twelve journeys that pass in a quarter of that on a quiet day).
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Recording a trace (a DOM snapshot and a screenshot at every step) made the journeys about
    // a quarter slower on these two cores even when it was thrown away after a pass. A failing
    // test is run again on CI (retries: 1) and that second run is recorded; locally, add
    // `--trace on` to see a failure step by step. The screenshot of a failure is always kept.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath },
  },
  projects,
  webServer: {
    command: serverCommand,
    url: `${baseURL}/api/health`,
    // The production build runs inside this command on CI: minutes on a slow machine.
    timeout: 900_000,
    reuseExistingServer: !CI,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { NEXTAUTH_URL: baseURL },
  },
});
