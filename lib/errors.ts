// Typed error codes. Every code has a sentence in messages/*.json under `errors.<code>`, so a
// person always reads a plain sentence in their language; detail goes only to the server log.
export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid',
  'conflict',
  'rate_limited',
  'out_of_stock',
  'over_budget',
  'duplicate',
  'unavailable',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_CODES)[number];

/** `kind:subject`, e.g. `forbidden:application`, `conflict:application`. */
export type ErrorCode = `${ErrorKind}:${string}` | ErrorKind;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    public readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? code);
  }
  get kind(): ErrorKind {
    return this.code.split(':')[0] as ErrorKind;
  }
}

/** The message key shown to a person for an error code: the kind decides the sentence. */
export function errorMessageKey(code: ErrorCode): string {
  return `errors.${code.split(':')[0]}`;
}

/** PostgreSQL error codes we turn into domain outcomes instead of a 500. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_CHECK_VIOLATION = '23514';
