// next-auth v4 in one place: credentials (phone + password), JWT sessions carrying id, role,
// places and session_version, and the session lifetimes of TRUST S3. Edit this to change how
// people sign in; authorization lives in lib/permissions.ts and lib/session.ts.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { env } from './env';
import { getDb } from '@/db/client';
import { attemptSignIn } from '@/db/queries/auth';
import type { Role } from './domain';
import { clientIp } from './client-address';

/** Absolute lifetime of a session, whatever the activity. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/** Inactivity after which a session ends: 30 minutes for staff, 2 hours for residents. */
export const IDLE_TIMEOUT_S: Record<Role, number> = { resident: 2 * 60 * 60, cadre: 30 * 60, official: 30 * 60 };

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
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'phone',
        credentials: { phone: { label: 'phone', type: 'tel' }, password: { label: 'password', type: 'password' } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await attemptSignIn({ db: getDb(), phone: parsed.data.phone, password: parsed.data.password, ip: clientIp(req?.headers) });
          if (result.status === 'locked') throw new Error(LOCKED_ERROR);
          if (result.status !== 'ok') return null;
          return { ...result.user };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        const nowS = Math.floor(Date.now() / 1000);
        if (user) {
          return { ...token, uid: user.id, name: user.name, role: user.role, sv: user.sessionVersion, placeIds: user.placeIds, placePaths: user.placePaths, authAt: nowS, seenAt: nowS };
        }
        // Each refresh through /api/auth/session counts as activity, unless the session already lapsed.
        if (token.expired || isExpired(token, nowS)) return { ...token, expired: true };
        return { ...token, seenAt: nowS };
      },
      session({ session, token }) {
        session.user = { id: token.uid, name: token.name ?? '', role: token.role, sessionVersion: token.sv, placeIds: token.placeIds, placePaths: token.placePaths, authAt: token.authAt, seenAt: token.seenAt };
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

/** TRUST S4: a callback URL may only lead inside this site. */
export function safeCallbackUrl(url: string | null | undefined, baseUrl: string): string {
  if (!url) return baseUrl;
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return `${baseUrl}${url}`;
  try {
    const u = new URL(url);
    if (u.origin === new URL(baseUrl).origin) return u.toString();
  } catch {
    /* not a URL: fall through to the home page */
  }
  return baseUrl;
}

/** Same rule for a path kept in a query string (sign-in page): returns a local path or null. */
export function safeLocalPath(path: string | null | undefined): string | null {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  return path;
}
