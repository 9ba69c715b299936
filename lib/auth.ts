// next-auth v4 in one place: credentials (phone + password), JWT sessions carrying id, role
// and session_version (places are read from the database on every request, lib/session.ts),
// the session lifetimes of TRUST S3, sign-out that ends the session on the server (S5) and
// the callback-URL rule (S4). Authorization lives in lib/permissions.ts and lib/session.ts.
import 'server-only';
import { decodeSessionToken, encodeSessionToken } from './auth-jwt';
import { randomBytes } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { env } from './env';
import { getDb } from '@/db/client';
import { endSession } from '@/db/queries/auth';
import { signIn } from '@/server/auth/sign-in';
import { logError } from './log';
import type { Role } from './domain';
import { clientIp } from './client-address';

import { IDLE_TIMEOUT_S, SESSION_MAX_AGE_S } from './session-limits';

export { IDLE_TIMEOUT_S, SESSION_MAX_AGE_S };

const credentialsSchema = z.object({ phone: z.string().trim().min(1).max(32), password: z.string().min(1).max(256) });

/** Error text next-auth passes back to the sign-in form when the number is locked. */
export const LOCKED_ERROR = 'locked';

export function isExpired(token: { role: Role; authAt: number; seenAt: number }, nowS: number): boolean {
  return nowS - token.authAt > SESSION_MAX_AGE_S || nowS - token.seenAt > IDLE_TIMEOUT_S[token.role];
}

let cached: NextAuthOptions | undefined;

/** Built on first use, so importing this module (e.g. during `next build`) reads no secret. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= {
    secret: env().authSecret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S, updateAge: 0 },
    // next-auth's own cookie format, with the HKDF-derived key computed once (lib/auth-jwt.ts).
    jwt: { maxAge: SESSION_MAX_AGE_S, encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'phone',
        credentials: { phone: { label: 'phone', type: 'tel' }, password: { label: 'password', type: 'password' } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          let result: Awaited<ReturnType<typeof signIn>>;
          try {
            result = await signIn({ db: getDb(), phone: parsed.data.phone, password: parsed.data.password, ip: clientIp(req?.headers) });
          } catch (err) {
            // TRUST V1/P4: next-auth would hand the error's text (SQL, the phone's keyed hash)
            // to the browser. Log it without parameters; the person sees the usual failure.
            logError('auth.sign_in', err);
            return null;
          }
          if (result.status === 'locked') throw new Error(LOCKED_ERROR);
          if (result.status !== 'ok') return null;
          return { ...result.user };
        },
      }),
    ],
    // next-auth's own logger prints whole errors (a failed query carries its parameters).
    logger: {
      error: (code, metadata) => logError(`next-auth ${code}`, metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error ?? code),
      warn: () => {},
      debug: () => {},
    },
    events: {
      // TRUST S5: signing out ends this session on the server, not just in this browser;
      // the person's sessions on other devices go on (endSessions ends them all).
      async signOut({ token }) {
        if (token?.uid && token.sid) await endSession({ db: getDb(), userId: token.uid, sid: token.sid });
      },
    },
    callbacks: {
      jwt({ token, user }) {
        const nowS = Math.floor(Date.now() / 1000);
        if (user) {
          return { ...token, uid: user.id, sid: randomBytes(18).toString('base64url'), name: user.name, role: user.role, sv: user.sessionVersion, authAt: nowS, seenAt: nowS };
        }
        // Each refresh through /api/auth/session counts as activity, unless the session already lapsed.
        if (token.expired || isExpired(token, nowS)) return { ...token, expired: true };
        return { ...token, seenAt: nowS };
      },
      session({ session, token }) {
        session.user = { id: token.uid, name: token.name ?? '', role: token.role, sessionVersion: token.sv, sid: token.sid, authAt: token.authAt, seenAt: token.seenAt };
        session.expired = token.expired === true;
        return session;
      },
      redirect({ url, baseUrl }) {
        return safeCallbackUrl(url, baseUrl);
      },
    },
  };
  return cached;
}

/** The origin relative callbacks are judged against when the caller has none at hand. */
const PLACEHOLDER_ORIGIN = 'http://portal.invalid';
/** Longer than any page of the portal; a longer value is someone testing the parser. */
const MAX_CALLBACK_LENGTH = 2048;
// C0 controls, DEL and backslashes: browsers drop tab/CR/LF and read "\" as "/", so
// "/\t/evil.example/" or "/\\evil.example" becomes "//evil.example/" — another site.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;

function decodedForms(value: string): string[] | null {
  const forms = [value];
  let current = value;
  // Percent-decoding twice catches "%2509" (→ "%09" → tab) as well as "%09".
  for (let i = 0; i < 2; i++) {
    try {
      const next = decodeURIComponent(current);
      if (next === current) break;
      forms.push(next);
      current = next;
    } catch {
      return null; // a malformed escape is not a path this site produced
    }
  }
  return forms;
}

/**
 * TRUST S4: a local path ("/county?x=1#y") to send a person to, or null. The value is resolved
 * against the site's own origin and kept only if the origin stays the same; control
 * characters and backslashes are refused in the raw and percent-decoded forms; the result is
 * the normalised path, which never starts with "//".
 */
export function safeLocalPath(value: string | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CALLBACK_LENGTH) return null;
  const forms = decodedForms(value);
  if (!forms || forms.some((f) => UNSAFE_CHARS.test(f) || f.startsWith('//'))) return null;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    resolved = new URL(value, base);
  } catch {
    return null;
  }
  if (resolved.origin !== base.origin || resolved.username || resolved.password) return null;
  const local = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (!local.startsWith('/') || local.startsWith('//')) return null;
  // An absolute URL to this same site is allowed; anything else must already be a path.
  if (!value.startsWith('/') && !value.startsWith(`${base.origin}/`) && value !== base.origin) return null;
  return local;
}

/** next-auth's redirect callback: an address inside this site, else the site's home. */
export function safeCallbackUrl(url: string | null | undefined, baseUrl: string): string {
  const base = new URL(baseUrl);
  const local = safeLocalPath(url, base.origin);
  return local ? `${base.origin}${local}` : baseUrl;
}
