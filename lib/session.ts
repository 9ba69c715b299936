// The signed-in person for this request, checked against the database every time: the
// account must still be active with the same role and session version, and the session
// must be inside its idle and absolute limits. Role layouts and actions go through here.
import 'server-only';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getAuthOptions, isExpired } from './auth';
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

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const u = session?.user;
  if (!session || !u?.id || session.expired) return null;
  if (isExpired({ role: u.role, authAt: u.authAt, seenAt: u.seenAt }, Math.floor(Date.now() / 1000))) return null;
  if (!u.sid) return null; // issued before sessions had their own id
  const state = await sessionUserState({ db: getDb(), userId: u.id, sid: u.sid });
  if (!state || state.ended || !state.active || state.role !== u.role || state.sessionVersion !== u.sessionVersion) return null;
  return { id: u.id, name: state.name, role: u.role, placeIds: state.placeIds, placePaths: state.placePaths, conflictHouseholdIds: state.conflictHouseholdIds };
});

/** For role layouts and pages: anonymous → sign-in, another role → the 403 page. */
export async function requireRole(role: Role, returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (user.role !== role) forbidden();
  return user;
}

/**
 * For pages: anonymous → sign-in, signed in without the capability → the 403 page. Pages check
 * the capability they show (e.g. 'dashboard:county'), not only the role of their layout.
 */
export async function requireCapability(capability: Capability, returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(user.role, capability)) forbidden();
  return user;
}
