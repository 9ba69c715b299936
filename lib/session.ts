// The signed-in person for this request, checked against the database every time: the
// account must still be active with the same role and session version, and the session
// must be inside its idle and absolute limits. Role layouts and actions go through here.
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { isExpired } from './auth';
import { readSessionToken } from './session-token';
import { getDb } from '@/db/client';
import { sessionUserState } from '@/db/queries/auth';
import type { Role } from './domain';
import { can, type Capability } from './permissions';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  placeIds: number[];
  placePaths: string[];
  /** Staff only: households they must not act on (their own by ID number, declared relatives'). */
  conflictHouseholdIds?: string[];
}

// The session as the database sees it, including whether the account must still choose its own
// password (an account created with a one-time password, scripts/create-official.ts).
const sessionState = cache(async (): Promise<{ user: SessionUser; mustChangePassword: boolean } | null> => {
  const token = await readSessionToken();
  if (!token?.uid || token.expired) return null;
  // The idle and absolute limits (TRUST S3), from the times the cookie carries: the same test
  // next-auth's jwt callback applies when it renews the cookie (lib/auth.ts).
  if (isExpired({ role: token.role, authAt: token.authAt, seenAt: token.seenAt }, Math.floor(Date.now() / 1000))) return null;
  if (!token.sid) return null; // issued before sessions had their own id
  const state = await sessionUserState({ db: getDb(), userId: token.uid, sid: token.sid });
  if (!state || state.ended || !state.active || state.role !== token.role || state.sessionVersion !== token.sv) return null;
  return {
    user: { id: token.uid, name: state.name, role: token.role, placeIds: state.placeIds, placePaths: state.placePaths, conflictHouseholdIds: state.conflictHouseholdIds },
    mustChangePassword: state.mustChangePassword,
  };
});

/**
 * The signed-in person, or null. An account that must still change its one-time password is
 * null here, so every page, route handler and action that reads the session treats it as
 * signed out: it can do nothing until it has chosen a password (requireRole and
 * requireCapability send it to /account/password instead of the sign-in page).
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const state = await sessionState();
  return state && !state.mustChangePassword ? state.user : null;
});

/** For the change-password page and action only: the signed-in person even while a password change is pending. */
export async function getUserForPasswordChange(): Promise<(SessionUser & { mustChangePassword: boolean }) | null> {
  const state = await sessionState();
  return state ? { ...state.user, mustChangePassword: state.mustChangePassword } : null;
}

/** A signed-in session whose account must first choose a new password. */
export async function passwordChangePending(): Promise<boolean> {
  return (await sessionState())?.mustChangePassword === true;
}

export const PASSWORD_CHANGE_PATH = '/account/password';

/** For role layouts and pages: anonymous → sign-in, another role → the 403 page. */
export async function requireRole(role: Role, returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect((await passwordChangePending()) ? PASSWORD_CHANGE_PATH : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (user.role !== role) forbidden();
  return user;
}

/**
 * For pages: anonymous → sign-in, signed in without the capability → the 403 page. Pages check
 * the capability they show (e.g. 'dashboard:county'), not only the role of their layout.
 */
export async function requireCapability(capability: Capability, returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect((await passwordChangePending()) ? PASSWORD_CHANGE_PATH : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(user.role, capability)) forbidden();
  return user;
}
