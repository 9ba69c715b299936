import 'server-only';
// The session cookie of this request, decoded — what pages, route handlers and actions start
// from (lib/session.ts). next-auth's getServerSession did this before, but in a server
// component it runs next-auth's whole session route for every request: it copies every header,
// builds the CSRF token, decodes the cookie, runs the callbacks and then encrypts a renewed
// cookie that a server component cannot set. Only the decoding matters here; the renewal stays
// where it takes effect, in next-auth's own /api/auth/session route (the idle-time keeper).
//
// The same rules as next-auth: the cookie's name (with the __Secure- prefix when the site's
// address, NEXTAUTH_URL, is https: next-auth/core/lib/cookie.js), its chunks (a cookie too long
// for one is split into name.0, name.1, …), and its decoding (lib/auth-jwt.ts, next-auth's own
// format). A cookie that does not decode is no session.
import { cookies } from 'next/headers';
import type { JWT } from 'next-auth/jwt';
import { decodeSessionToken } from './auth-jwt';
import { env } from './env';

/** jose's leeway on `exp` when decoding (lib/auth-jwt.ts), kept for tokens read from memory. */
const CLOCK_TOLERANCE_S = 15;

/**
 * Tokens this process has decoded, by their exact text: a signed-in person sends the same
 * cookie with every page until it is renewed, and decrypting it again gives the same claims.
 * Only tokens that decoded are kept; each is still checked against its own expiry on every use,
 * and lib/session.ts checks the idle and absolute limits and the database on every request.
 */
const decoded = new Map<string, Readonly<JWT>>();
const DECODED_LIMIT = 10_000;

export function sessionCookieName(siteUrl: string | undefined = process.env.NEXTAUTH_URL): string {
  return `${siteUrl?.startsWith('https://') ? '__Secure-' : ''}next-auth.session-token`;
}

/** The cookie's value, joining its chunks in order when next-auth had to split it. */
export function sessionCookieValue(all: readonly { name: string; value: string }[], name: string): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value || null;
  const chunks = all
    .flatMap((c) => {
      const m = c.name.startsWith(`${name}.`) ? /^\d+$/.exec(c.name.slice(name.length + 1)) : null;
      return m ? [{ n: Number(m[0]), value: c.value }] : [];
    })
    .sort((a, b) => a.n - b.n);
  return chunks.length > 0 ? chunks.map((c) => c.value).join('') : null;
}

export async function decodeSessionCookie(token: string, nowS: number = Math.floor(Date.now() / 1000)): Promise<Readonly<JWT> | null> {
  const hit = decoded.get(token);
  if (hit) {
    if (typeof hit.exp === 'number' && hit.exp + CLOCK_TOLERANCE_S < nowS) {
      decoded.delete(token);
      return null;
    }
    return hit;
  }
  let payload: JWT | null;
  try {
    payload = await decodeSessionToken({ token, secret: env().authSecret });
  } catch {
    return null; // altered, expired, or from another secret
  }
  if (!payload) return null;
  const frozen = Object.freeze(payload);
  if (decoded.size >= DECODED_LIMIT) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, frozen);
  return frozen;
}

/** This request's session claims, or null when it carries no cookie that decodes. */
export async function readSessionToken(): Promise<Readonly<JWT> | null> {
  const value = sessionCookieValue((await cookies()).getAll(), sessionCookieName());
  return value ? decodeSessionCookie(value) : null;
}
