// How long a session lasts (TRUST S3). Plain constants, so the database layer can use them
// without importing next-auth's configuration.
import type { Role } from './domain';

/** Absolute lifetime of a session, whatever the activity. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/** Inactivity after which a session ends: 30 minutes for staff, 2 hours for residents. */
export const IDLE_TIMEOUT_S: Record<Role, number> = { resident: 2 * 60 * 60, cadre: 30 * 60, official: 30 * 60 };
