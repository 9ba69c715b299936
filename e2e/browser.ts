// Which Chromium the end-to-end tests drive (decision note 0003). In order: CHROMIUM_PATH
// when set, Debian's /usr/bin/chromium when installed, else the headless Chromium that
// arrives with `npm install` inside @sparticuz/chromium (unpacked into the temp folder on
// first use, about 2 s). Playwright's own browser download cannot work on these machines.
import { existsSync } from 'node:fs';

export type BrowserSource = 'CHROMIUM_PATH' | 'debian' | 'npm';

export async function resolveChromium(env: Record<string, string | undefined> = process.env): Promise<{ path: string; source: BrowserSource }> {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'debian' };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), source: 'npm' };
}
