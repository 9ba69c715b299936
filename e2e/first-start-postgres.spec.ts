// Issue 10's first start, walked on a REAL PostgreSQL that holds nothing, the way a county's IT
// staff would do it from the README ("Production set-up, step by step"): the portal started on
// the empty database says it is not set up; `npm run setup` with a place file and
// `npm run create-official` prepare it; the first official signs in with the one-time password,
// is held on "choose a new password", chooses one, then creates a cadre for a village; the
// cadre (again a one-time password) sees the village; a second one the official assigns ends the
// cadre's session and is there at the next sign-in; deactivation signs the cadre out at once.
//
// The server here is a second portal process (next to Playwright's demo server) on a database
// created for this run (scripts/hold-fresh-database.ts): in the TEST_DATABASE_URL server when
// one is given, else in a throwaway server that scripts/with-postgres.ts starts and deletes.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { msg, signIn } from './fixtures';

const run = promisify(execFile);
const ROOT = process.cwd();

test.describe.configure({ mode: 'serial' });
// Starting PostgreSQL, migrating and starting a second portal process take a while on 2 busy cores.
test.setTimeout(300_000);

let holder: ChildProcess | null = null;
let server: ChildProcess | null = null;
let baseUrl = '';
let workDir = '';
let env: NodeJS.ProcessEnv = { ...process.env };
const serverLog: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** An empty database of our own, held by scripts/hold-fresh-database.ts under scripts/with-postgres.ts. */
async function freshDatabase(): Promise<string> {
  const child = spawn('npx', ['tsx', 'scripts/with-postgres.ts', 'npx', 'tsx', 'scripts/hold-fresh-database.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  holder = child;
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^DATABASE (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the database holder ended early (exit ${code})`)));
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${serverLog.join('').slice(-3000)}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function npmScript(script: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env, maxBuffer: 10 * 1024 * 1024 });
  return `${stdout}\n${stderr}`;
}

/** The forced first change: current = the one-time password. Ends signed out, on the sign-in page. */
async function chooseOwnPassword(page: Page, otp: string, own: string) {
  await expect(page).toHaveURL(/\/account\/password/);
  await page.getByLabel(msg('zh', 'account.password.current'), { exact: true }).fill(otp);
  await page.getByLabel(msg('zh', 'account.password.new'), { exact: true }).fill(own);
  await page.getByLabel(msg('zh', 'account.password.confirm'), { exact: true }).fill(own);
  await page.getByRole('button', { name: msg('zh', 'account.password.submit'), exact: true }).click();
  await page.waitForURL(/\/sign-in/);
}

async function choosePlace(page: Page, label: string, name: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator('option').filter({ hasText: new RegExp(`^\\s*${name}$`) }).first().getAttribute('value');
  expect(value, `a place option named ${name}`).toBeTruthy();
  await select.selectOption(value!);
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', baseURL: baseUrl });
  return context.newPage();
}

test.beforeAll(async () => {
  const databaseUrl = await freshDatabase();
  workDir = mkdtempSync(path.join(tmpdir(), 'relief-first-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    DATA_DIR: path.join(workDir, 'data'),
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
    NEXTAUTH_URL: baseUrl,
    PII_ENC_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PII_HMAC_KEY: randomBytes(32).toString('base64'),
    UPLOAD_DIR: path.join(workDir, 'uploads'),
    PORT: String(port),
  };
  // A real deployment: no demo data, and nothing of the test server's own database.
  delete env.DEMO_MODE;
  delete env.TEST_DATABASE_URL;
  // The same build Playwright's demo server uses (playwright.config.ts built it before any test ran).
  server = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout!.on('data', (b: Buffer) => serverLog.push(b.toString()));
  server.stderr!.on('data', (b: Buffer) => serverLog.push(b.toString()));
  await waitForHealth(baseUrl, server);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await exited;
  }
  if (holder && holder.exitCode === null) {
    const exited = new Promise((r) => holder!.once('exit', r));
    holder.stdin!.end();
    await exited;
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('an empty PostgreSQL: not set up → setup, places, first official → forced password change → a cadre for a village, reassigned and deactivated', async ({ browser }) => {
  // 1. Started on the empty database: the operator is told what to run, and so is every visitor.
  await expect.poll(() => serverLog.join('')).toContain('npm run create-official');
  const visitor = await phonePage(browser);
  await visitor.goto(baseUrl);
  await expect(visitor.getByRole('heading', { level: 1, name: msg('zh', 'setup.title') })).toBeVisible();

  // 2. The README's steps: programmes, the place tree (the example file plus two villages), the first official.
  const places = path.join(workDir, 'places.csv');
  writeFileSync(
    places,
    [
      'code,parent_code,level,name,name_en',
      '130681,,county,涿州市,Zhuozhou City',
      '130681104,130681,township,刁窝镇,Diaowo Town',
      '130681104201,130681104,village,万全庄村,Wanquanzhuang Village',
      '130681104202,130681104,village,东冯村,Dongfeng Village',
      '',
    ].join('\n'),
  );
  await npmScript('setup', []);
  await npmScript('setup', ['--places', places]);
  const officialPhone = `136${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const created = await npmScript('create-official', ['--phone', officialPhone, '--name', '苏建国']);
  const otp = /One-time password \(shown only now\): (\S+)/.exec(created)?.[1];
  expect(otp, created).toBeTruthy();

  // 3. The first sign-in: held on "choose a new password" whatever page is asked for.
  const official = await phonePage(browser);
  await signIn(official, officialPhone, otp!);
  await expect(official).toHaveURL(/\/account\/password/);
  await official.goto(`${baseUrl}/county/staff`);
  await expect(official).toHaveURL(/\/account\/password/);
  const officialOwn = `Jianguo-${randomInt(100_000, 999_999)}-county`;
  await chooseOwnPassword(official, otp!, officialOwn);
  await signIn(official, officialPhone, officialOwn);
  await expect(official).toHaveURL(`${baseUrl}/county`);

  // 4. The official creates a cadre for one village.
  const cadrePhone = `137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  await official.goto(`${baseUrl}/county/staff/new`);
  await official.getByLabel(msg('zh', 'staff.fields.name'), { exact: true }).fill('田玉梅');
  await official.getByLabel(msg('zh', 'staff.fields.phone'), { exact: true }).fill(cadrePhone);
  await official.getByLabel(msg('zh', 'staff.fields.role'), { exact: true }).selectOption('cadre');
  await choosePlace(official, msg('zh', 'staff.fields.place'), '万全庄村');
  await official.getByRole('button', { name: msg('zh', 'staff.new.submit') }).click();
  const cadreOtp = (await official.getByTestId('one-time-password').textContent())!.trim();
  await official.getByRole('link', { name: msg('zh', 'staff.new.open') }).click();
  await expect(official.getByRole('heading', { level: 1, name: '田玉梅' })).toBeVisible();
  const personUrl = official.url();

  // 5. The cadre's first sign-in, then their village.
  const cadre = await phonePage(browser);
  await signIn(cadre, cadrePhone, cadreOtp);
  const cadreOwn = `Yumei-${randomInt(100_000, 999_999)}-village`;
  await chooseOwnPassword(cadre, cadreOtp, cadreOwn);
  await signIn(cadre, cadrePhone, cadreOwn);
  await expect(cadre).toHaveURL(`${baseUrl}/cadre`);
  const lead = cadre.getByText(msg('zh', 'cadre.lead').replace('{places}', ''), { exact: false }).first();
  await expect(lead).toContainText('万全庄村');
  await expect(lead).not.toContainText('东冯村');

  // 6. A second village, assigned while the cadre is signed in: the change ends the cadre's
  //    sessions at once (their places are never read from an old token), and the next sign-in has it.
  await choosePlace(official, msg('zh', 'staff.places.assign'), '东冯村');
  await official.getByRole('button', { name: msg('zh', 'staff.places.assignSubmit') }).click();
  await expect(official.getByTestId('staff-places')).toContainText('东冯村');
  await cadre.reload();
  await expect(cadre).toHaveURL(/\/sign-in/);
  await signIn(cadre, cadrePhone, cadreOwn);
  await expect(cadre).toHaveURL(`${baseUrl}/cadre`);
  await expect(cadre.getByText(msg('zh', 'cadre.lead').replace('{places}', ''), { exact: false }).first()).toContainText('东冯村');

  // 7. Deactivated: the cadre's very next request is signed out.
  await official.goto(personUrl);
  await official.getByRole('button', { name: msg('zh', 'staff.active.deactivate') }).click();
  await expect(official.getByTestId('staff-status')).toContainText(msg('zh', 'staff.active.no'));
  await cadre.goto(`${baseUrl}/cadre/households`);
  await expect(cadre).toHaveURL(/\/sign-in/);
});
