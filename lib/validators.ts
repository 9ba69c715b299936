// Field schemas the server actions parse forms with (TRUST.md S1, V1–V3); the forms themselves
// take the limits from lib/field-limits.ts, which keeps zod out of the browser. Every error
// message is an i18n key under `validation.` (messages/*.json), never a sentence: the page
// translates.
// Edit when a field's rule changes, and update the catalogue sentences with it (the limits, in
// lib/field-limits.ts, are written into the sentences, e.g. "at least 8 characters").
import { z } from 'zod';
import { isCommonPassword } from '@/lib/common-passwords';
import { idNumberProblem, mobileProblem, normaliseIdNumber, normaliseMobile } from '@/lib/id-rules';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, REAL_NAME_MAX_LENGTH, REAL_NAME_MIN_LENGTH, REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '@/lib/field-limits';

/**
 * The uuid's 8-4-4-4-12 hexadecimal digits as a pattern source, unanchored and without flags: to
 * build a pattern that holds an id among other parts (a cursor `<day>~<id>`, an `<id>:<version>`).
 */
export const UUID_SHAPE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * An id as PostgreSQL's uuid type reads it (8-4-4-4-12 hexadecimal digits). Ids from a form,
 * a URL or a cursor are checked against this before any query: a looser shape
 * ('------------------------------------') would reach the database and fail there.
 */
export const UUID_TEXT = new RegExp(`^${UUID_SHAPE}$`, 'i');

/** The largest value a serial (int4) id column holds; a larger number overflows in the query. */
export const SERIAL_MAX = 2_147_483_647;

/** A serial id from a form or a URL: a whole number from 1 to SERIAL_MAX, else `message`. */
export function serialIdSchema(message: string) {
  return z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(SERIAL_MAX, { error: message });
}

/** Every key these schemas can produce; the message catalogues must hold each one. */
export const VALIDATION_MESSAGE_KEYS = [
  'validation.invalidType',
  'validation.idNumber.required',
  'validation.idNumber.format',
  'validation.idNumber.birthdate',
  'validation.idNumber.checksum',
  'validation.mobile.required',
  'validation.mobile.format',
  'validation.mobile.prefix',
  'validation.password.required',
  'validation.password.tooShort',
  'validation.password.tooLong',
  'validation.password.common',
  'validation.password.repeated',
  'validation.realName.required',
  'validation.realName.tooShort',
  'validation.realName.tooLong',
  'validation.realName.characters',
  'validation.reason.required',
  'validation.reason.tooShort',
  'validation.reason.tooLong',
] as const;
export type ValidationMessageKey = (typeof VALIDATION_MESSAGE_KEYS)[number];

/** Longer input is refused before any normalisation work is done on it. */
const HARD_CAP = 10_000;

/** Length as a person counts it: code points, so a rare character outside the BMP counts once. */
const length = (s: string): number => Array.from(s).length;

/**
 * A string field. A missing value (undefined/null, as from an absent form field) or an
 * empty / blank string reports `<field>.required`; any other non-string reports invalidType.
 */
function field(name: 'idNumber' | 'mobile' | 'password' | 'realName' | 'reason') {
  const required = `validation.${name}.required` satisfies ValidationMessageKey;
  return z.string({
    error: (issue) => (issue.input === undefined || issue.input === null ? required : ('validation.invalidType' satisfies ValidationMessageKey)),
  });
}

function fail(ctx: z.RefinementCtx, message: ValidationMessageKey): void {
  ctx.addIssue({ code: 'custom', message });
}

/** National ID number (GB 11643). Output: normalised (no spaces, upper-case X). */
export const idNumberSchema = field('idNumber')
  .superRefine((s, ctx) => {
    if (s.trim() === '') return fail(ctx, 'validation.idNumber.required');
    const problem = idNumberProblem(s);
    if (problem) fail(ctx, `validation.idNumber.${problem}`);
  })
  .transform(normaliseIdNumber);

/** Mainland mobile number. Output: 11 digits (spaces, dashes and +86 removed). */
export const mobileSchema = field('mobile')
  .superRefine((s, ctx) => {
    if (s.trim() === '') return fail(ctx, 'validation.mobile.required');
    const problem = mobileProblem(s);
    if (problem) fail(ctx, `validation.mobile.${problem}`);
  })
  .transform(normaliseMobile);

/**
 * New password (S1): 8–128 characters, not one of the common passwords, not one character
 * repeated. Not trimmed and not transformed: what was typed is what gets hashed.
 * (Sign-in should not use this schema: an old password must still be accepted for sign-in.)
 */
export const passwordSchema = field('password').superRefine((s, ctx) => {
  if (s === '') return fail(ctx, 'validation.password.required');
  if (s.length > PASSWORD_MAX_LENGTH * 2 || length(s) > PASSWORD_MAX_LENGTH) return fail(ctx, 'validation.password.tooLong');
  if (length(s) < PASSWORD_MIN_LENGTH) return fail(ctx, 'validation.password.tooShort');
  if (new Set(Array.from(s.toLowerCase())).size === 1) return fail(ctx, 'validation.password.repeated');
  if (isCommonPassword(s)) fail(ctx, 'validation.password.common');
});

const HAN = '\\p{Script=Han}';
const LATIN = '\\p{Script=Latin}';
/** Middle-dot look-alikes that IMEs produce in minority names (买买提·艾力); all become U+00B7. */
const DOT_LIKE = /[\u2022\u2027\u2219\u22C5\u30FB\uFF0E\u00B7]/gu;
/** Letters, with single separators (space, hyphen, apostrophe, middle dot) between them. */
const REAL_NAME = new RegExp(`^[${HAN}${LATIN}]+(?:[ '’\\-·][${HAN}${LATIN}]+)*$`, 'u');

function cleanRealName(s: string): string {
  return s
    .normalize('NFKC') // full-width latin letters → ASCII
    .replace(DOT_LIKE, '·')
    .trim()
    .replace(/\s+/gu, ' ')
    // Spaces mean nothing next to Chinese characters or a middle dot: "张 三" → "张三".
    .replace(new RegExp(`(?<=[${HAN}·]) | (?=[${HAN}·])`, 'gu'), '');
}

/** A person's real name as on their ID card: 2–30 Chinese or Latin letters, middle dot allowed. Output: cleaned. */
export const realNameSchema = field('realName')
  .superRefine((raw, ctx) => {
    if (raw.length > HARD_CAP) return fail(ctx, 'validation.realName.tooLong');
    const s = cleanRealName(raw);
    if (s === '') return fail(ctx, 'validation.realName.required');
    if (!REAL_NAME.test(s)) return fail(ctx, 'validation.realName.characters');
    if (length(s) < REAL_NAME_MIN_LENGTH) return fail(ctx, 'validation.realName.tooShort');
    if (length(s) > REAL_NAME_MAX_LENGTH) fail(ctx, 'validation.realName.tooLong');
  })
  .transform(cleanRealName);

/** A reason given for a decision, return, appeal or objection. Output: trimmed. */
export const reasonSchema = field('reason')
  .superRefine((raw, ctx) => {
    if (raw.length > HARD_CAP) return fail(ctx, 'validation.reason.tooLong');
    const s = raw.trim();
    if (s === '') return fail(ctx, 'validation.reason.required');
    if (length(s) < REASON_MIN_LENGTH) return fail(ctx, 'validation.reason.tooShort');
    if (length(s) > REASON_MAX_LENGTH) fail(ctx, 'validation.reason.tooLong');
  })
  .transform((s) => s.trim());

/**
 * An optional whole number typed into a form field (blank = undefined). Something that is not
 * a whole number reports `notNumber`; a whole number outside [min, max] reports `outOfRange`,
 * whose sentence states the range (rangeValues), so the person is told the real reason.
 */
export function wholeNumberField({ min, max, notNumber, outOfRange }: { min: number; max: number | (() => number); notNumber: string; outOfRange: string }) {
  return z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    z.coerce
      .number({ error: notNumber })
      .int(notNumber)
      .refine((n) => n >= min && n <= (typeof max === 'function' ? max() : max), outOfRange)
      .optional(),
  );
}

/**
 * `z.object` for a form or action input: input that is not an object at all (a forged
 * request) reports `validation.invalidType` rather than zod's English sentence. Unknown keys
 * are dropped, as with `z.object`.
 */
export function formSchema<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape, { error: () => 'validation.invalidType' satisfies ValidationMessageKey });
}
