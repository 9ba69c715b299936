// National ID and mobile number rules (TRUST V2, V3): normalising and validating. No Node
// imports, so client components (registration, household members) can check as the person
// types without shipping a crypto polyfill to the phone. lib/pii.ts re-exports all of it.

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/** Hyphen-like characters people type between digit groups (ASCII, Unicode and full-width forms). */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;

/**
 * The one canonical form used for validation and for the keyed hash, so that
 * `1101 0519 4912 3100 2x`, full-width digits typed by a Chinese IME and `+86 138-0000-0001`
 * all land on the same stored value and the same hash.
 */
export function canonical(s: string): string {
  const compact = s.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
  // A country code in front of exactly 11 digits is a Chinese mobile number written
  // internationally. Nothing else we store starts with + or 00 (ID numbers start with 11–82).
  const intl = /^(?:\+86|0086)(\d{11})$/.exec(compact);
  return intl?.[1] ?? compact;
}

/** ID number as stored and hashed: no spaces or dashes, half-width digits, upper-case X. */
export function normaliseIdNumber(s: string): string {
  return canonical(s);
}

/** Mobile number as stored and hashed: 11 half-width digits (spaces, dashes and +86 removed). */
export function normaliseMobile(s: string): string {
  return canonical(s);
}

// ---------------------------------------------------------------------------------------------
// National ID number (GB 11643-1999, check digit ISO 7064 MOD 11-2)
// ---------------------------------------------------------------------------------------------

export type IdNumberProblem = 'format' | 'birthdate' | 'checksum';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';
const ID_SHAPE = /^\d{17}[\dX]$/;
/** The earliest birth date we accept; older records are not expected among living residents. */
export const ID_MIN_BIRTH_DATE = '1900-01-01';

/** The check character (0–9 or X) for the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? '';
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** Today's date in China Standard Time as `YYYY-MM-DD` (CST has no daylight saving). */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `YYYYMMDD` → `YYYY-MM-DD` if it is a real calendar date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const [, ys = '', ms = '', ds = ''] = m;
  const y = Number(ys);
  const mo = Number(ms);
  const d = Number(ds);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${ys}-${ms}-${ds}`;
}

export interface IdCheckOptions {
  /** The moment "today" is judged from (China Standard Time); defaults to now. For tests. */
  now?: Date;
}

/**
 * Why an ID number is not acceptable, or null when it is. The input is normalised first
 * (spaces/dashes removed, lower-case x accepted). The birth date is checked before the check
 * digit because it tells the person more precisely where to look.
 */
export function idNumberProblem(s: string, opts: IdCheckOptions = {}): IdNumberProblem | null {
  if (s.length > 64) return 'format'; // never normalise megabytes of input
  const id = normaliseIdNumber(s);
  if (!ID_SHAPE.test(id)) return 'format';
  const birth = calendarDate(id.slice(6, 14));
  if (birth === null || birth < ID_MIN_BIRTH_DATE || birth > todayInChina(opts.now ?? new Date())) return 'birthdate';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(s: string, opts: IdCheckOptions = {}): boolean {
  return idNumberProblem(s, opts) === null;
}

/** The birth date (`YYYY-MM-DD`) of a valid ID number, or null when the ID is not valid. */
export function birthDateFromId(s: string, opts: IdCheckOptions = {}): string | null {
  if (idNumberProblem(s, opts) !== null) return null;
  return calendarDate(normaliseIdNumber(s).slice(6, 14));
}

// ---------------------------------------------------------------------------------------------
// Mobile number (11 digits, 1[3-9]…)
// ---------------------------------------------------------------------------------------------

/** 'format' = not 11 digits; 'prefix' = 11 digits but not starting with 13–19. */
export type MobileProblem = 'format' | 'prefix';

export function mobileProblem(s: string): MobileProblem | null {
  if (s.length > 64) return 'format';
  const m = normaliseMobile(s);
  if (!/^\d{11}$/.test(m)) return 'format';
  if (!/^1[3-9]/.test(m)) return 'prefix';
  return null;
}

export function isValidMobile(s: string): boolean {
  return mobileProblem(s) === null;
}
