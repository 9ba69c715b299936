// What a server action answers, and the one sentence a person reads for it. Client-safe: no
// server imports, so forms import the types and `describeResult` from here, while
// lib/actions.ts (server-only) builds the results.
import type { ErrorCode } from './errors';

/** Field name → message keys. `_form` holds problems that belong to no single field. */
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T = null> =
  | { status: 'ok'; data: T }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'conflict'; code: ErrorCode }
  | { status: 'rate_limited'; code: ErrorCode }
  | { status: 'unauthenticated' }
  | { status: 'forbidden' }
  | { status: 'not_found' }
  | { status: 'error'; code: ErrorCode };

export type ActionStatus = ActionResult<unknown>['status'];

/** The key of the form-level entry in `fieldErrors` (zod's `formErrors`, refinements without a path). */
export const FORM_ERRORS_KEY = '_form';

/** A message key and the values it needs; the caller translates it. */
export interface ResultMessage {
  key: string;
  values?: Record<string, string | number>;
}
