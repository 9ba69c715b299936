// G5: the JavaScript a phone downloads first for each resident route, from the build's own
// manifests, and Lighthouse's mobile preset (its default config) on the local Chromium.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

export interface RouteJs {
  route: string;
  files: number;
  bytes: number;
  gzipBytes: number;
}

/**
 * Next's "First Load JS": the root main files (build-manifest.json) plus every chunk the
 * route's client reference manifest lists for its page and layouts (Turbopack keeps them in
 * server/app/<route>/page_client-reference-manifest.js). Polyfills load only in old browsers.
 */
export function firstLoadJs(distDir: string, routes: readonly string[]): RouteJs[] {
  const build = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const req = createRequire(import.meta.url);
  return routes.map((route) => {
    const file = path.resolve(distDir, 'server', 'app', `.${route}`, 'page_client-reference-manifest.js');
    if (!existsSync(file)) throw new Error(`no client reference manifest for ${route} (${file})`);
    const g = globalThis as unknown as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }>; self?: unknown };
    g.self ??= globalThis;
    g.__RSC_MANIFEST = {};
    delete req.cache[file];
    req(file);
    const files = new Set(build.rootMainFiles);
    for (const m of Object.values(g.__RSC_MANIFEST)) for (const list of Object.values(m.entryJSFiles ?? {})) for (const f of list) if (f.endsWith('.js')) files.add(f);
    let bytes = 0;
    let gzipBytes = 0;
    for (const f of files) {
      const p = path.join(distDir, f);
      bytes += statSync(p).size;
      gzipBytes += gzipSync(readFileSync(p)).length;
    }
    return { route, files: files.size, bytes, gzipBytes };
  });
}

export interface LighthouseScore {
  url: string;
  performance: number | null;
  accessibility: number | null;
  tbtMs: number | null;
  lcpMs: number | null;
}

/** Lighthouse 12's default config is the mobile preset (Moto G class device, slow 4G, 4× CPU slowdown). */
export async function lighthouseScores(chromePath: string, pages: readonly { url: string; cookie: string }[]): Promise<LighthouseScore[]> {
  const { launch } = await import('chrome-launcher');
  const { default: lighthouse } = await import('lighthouse');
  const chrome = await launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const out: LighthouseScore[] = [];
  try {
    for (const { url, cookie } of pages) {
      const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], extraHeaders: { cookie } });
      const lhr = r?.lhr;
      const score = (k: string) => (lhr?.categories[k]?.score == null ? null : Math.round(lhr.categories[k]!.score! * 100));
      out.push({ url, performance: score('performance'), accessibility: score('accessibility'), tbtMs: lhr?.audits['total-blocking-time']?.numericValue ?? null, lcpMs: lhr?.audits['largest-contentful-paint']?.numericValue ?? null });
    }
  } finally {
    chrome.kill();
  }
  return out;
}
