// Runs before server-action requests only (see `config`). Next already compares a server
// action's Origin with the host, but answers a mismatch with a bare 500; this refuses it
// first with a plain 403 (TRUST A2). It is not the authorization boundary: every action still
// checks session, role, input and ownership itself (lib/actions.ts).
import { NextResponse, type NextRequest } from 'next/server';

function sameOrigin(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparsable
  }
}

export function proxy(request: NextRequest) {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  // Browsers always send Origin on a cross-site POST; a missing one is a same-site request or not a browser.
  if (request.method === 'POST' && origin !== null && !sameOrigin(origin, host)) {
    return new NextResponse('Forbidden: this request did not come from this site.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: '/:path*', has: [{ type: 'header', key: 'next-action' }] }],
};
