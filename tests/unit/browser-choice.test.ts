import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, DEBIAN_HEADLESS_SHELL, resolveChromium } from '../../e2e/browser';

const only = (...present: string[]) => (path: string) => present.includes(path);

describe('which Chromium the end-to-end tests drive', () => {
  it('takes CHROMIUM_PATH first, and says so when nothing is at that path', async () => {
    const exists = only('/opt/chrome', DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM);
    await expect(resolveChromium({ CHROMIUM_PATH: ' /opt/chrome ' }, { exists })).resolves.toEqual({ path: '/opt/chrome', source: 'CHROMIUM_PATH' });
    await expect(resolveChromium({ CHROMIUM_PATH: '/nowhere' }, { exists })).rejects.toThrow('CHROMIUM_PATH is set to /nowhere');
  });

  it("prefers Debian's headless shell to Debian's full browser for the tests", async () => {
    await expect(resolveChromium({}, { exists: only(DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM) })).resolves.toEqual({ path: DEBIAN_HEADLESS_SHELL, source: 'debian-headless-shell' });
    await expect(resolveChromium({}, { exists: only(DEBIAN_CHROMIUM) })).resolves.toEqual({ path: DEBIAN_CHROMIUM, source: 'debian' });
  });

  it('gives the full browser when asked for it (Lighthouse), the headless shell when that is all there is', async () => {
    await expect(resolveChromium({}, { prefer: 'full', exists: only(DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM) })).resolves.toEqual({ path: DEBIAN_CHROMIUM, source: 'debian' });
    await expect(resolveChromium({}, { prefer: 'full', exists: only(DEBIAN_HEADLESS_SHELL) })).resolves.toEqual({ path: DEBIAN_HEADLESS_SHELL, source: 'debian-headless-shell' });
  });
});
