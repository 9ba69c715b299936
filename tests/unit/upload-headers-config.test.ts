// Next keeps a header from next.config.js over the same header set by a route handler (only
// set-cookie, vary and a few others are appended), so the page CSP in next.config.js would
// silently replace the `sandbox` CSP that app/api/uploads/[id] sends for PDFs (TRUST P3). This
// checks, with Next's own path matcher, that the page CSP reaches every page but not uploads,
// and that the other security headers still reach uploads.
import { describe, expect, it } from 'vitest';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}
// next.config.js is plain JavaScript without types; load it by URL and say what we use of it.
const configUrl = new URL('../../next.config.js', import.meta.url).href;
const { default: nextConfig } = (await import(/* @vite-ignore */ configUrl)) as { default: { headers: () => Promise<HeaderRule[]> } };

async function headersFor(pathname: string): Promise<Record<string, string>> {
  const rules = await nextConfig.headers();
  const out: Record<string, string> = {};
  for (const rule of rules) if (getPathMatch(rule.source)(pathname)) for (const h of rule.headers) out[h.key.toLowerCase()] = h.value;
  return out;
}

describe('next.config.js headers', () => {
  it.each(['/', '/sign-in', '/resident/household', '/county/audit', '/api/health', '/api/uploads'])('%s gets the page CSP and the other security headers', async (p) => {
    const h = await headersFor(p);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
  });

  it('an upload gets the security headers but not the page CSP, so its own sandbox CSP is the one sent', async () => {
    const h = await headersFor('/api/uploads/3f9a0c1b-2d4e-4f00-8a00-000000000001');
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBeDefined();
    expect(h['x-frame-options']).toBe('DENY');
  });
});
