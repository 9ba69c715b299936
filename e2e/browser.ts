// Which Chromium the end-to-end tests drive (decision notes 0003 and 0014). In order:
// CHROMIUM_PATH when set; Debian's headless shell (package chromium-headless-shell) when
// installed; Debian's full /usr/bin/chromium when installed; else the headless Chromium that
// arrives with `npm install` inside @sparticuz/chromium (unpacked into the temp folder on first
// use, about 2 s). Playwright's own browser download cannot work on these machines.
//
// The headless shell draws pages with the same engine as the full browser without its desktop
// shell, and drove the suite's journeys with about a third less CPU on these two cores. The
// bench's Lighthouse runs ask for the full browser (`prefer: 'full'`), the one its figures were
// measured with.
import { existsSync } from 'node:fs';

export type BrowserSource = 'CHROMIUM_PATH' | 'debian-headless-shell' | 'debian' | 'npm';

// The binary itself, not Debian's wrapper script in /usr/bin (which only runs it): a machine where
// /usr/lib/chromium is gone or hidden (../shared/tools/bare-machine.sh) still has the wrapper.
export const DEBIAN_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export async function resolveChromium(
  env: Record<string, string | undefined> = process.env,
  { prefer = 'shell', exists = existsSync }: { prefer?: 'shell' | 'full'; exists?: (path: string) => boolean } = {},
): Promise<{ path: string; source: BrowserSource }> {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (!exists(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const debian: { path: string; source: BrowserSource }[] = [
    { path: DEBIAN_HEADLESS_SHELL, source: 'debian-headless-shell' },
    { path: DEBIAN_CHROMIUM, source: 'debian' },
  ];
  if (prefer === 'full') debian.reverse();
  const found = debian.find((b) => exists(b.path));
  if (found) return found;
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), source: 'npm' };
}
