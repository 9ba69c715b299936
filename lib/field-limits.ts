// The limits of the fields people type, as numbers the forms show and the schemas check
// (lib/validators.ts). On their own, without zod: a form that only needs to say "at least 2
// characters" or set a field's min and max must not ship the validation library to the phone
// (about 110 KB of JavaScript; tests/unit/client-imports.test.ts keeps it out).
import { CHINA_TIME_ZONE } from '@/lib/time-zone';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const REAL_NAME_MIN_LENGTH = 2;
export const REAL_NAME_MAX_LENGTH = 30;
export const REASON_MIN_LENGTH = 2;
export const REASON_MAX_LENGTH = 500;

/** A flat's floor: basements down to FLOOR_MIN, up to FLOOR_MAX (there is no floor 0). */
export const FLOOR_MIN = -3;
export const FLOOR_MAX = 99;
/** The earliest year of birth a form takes; the latest is this year (China Standard Time). */
export const BIRTH_YEAR_MIN = 1900;
export function birthYearMax(now: Date = new Date()): number {
  // Intl rather than lib/time's cstYear: this module runs in the browser too, where lib/time's date library must not go.
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: CHINA_TIME_ZONE, year: 'numeric' }).format(now));
}

/**
 * The `{min}` and `{max}` of a field's out-of-range message, from the same constants the
 * schema checks. Strings, so that a year reads 1900 and not "1,900".
 */
export function rangeValues(field: 'floor' | 'birthYear', now: Date = new Date()): { min: string; max: string } {
  return field === 'floor' ? { min: String(FLOOR_MIN), max: String(FLOOR_MAX) } : { min: String(BIRTH_YEAR_MIN), max: String(birthYearMax(now)) };
}
