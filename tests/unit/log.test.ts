import { describe, expect, it, vi } from 'vitest';
import { describeError, logError } from '@/lib/log';

describe('error logging keeps personal data out of the logs (TRUST P4)', () => {
  it('drops the SQL parameters of a failed query and keeps the database error and code', () => {
    const pgErr = Object.assign(new Error('duplicate key value violates unique constraint "users_phone_hash_unique"'), { code: '23505' });
    const err = new Error('Failed query: insert into "users" ("real_name", "phone_enc") values ($1, $2)\nparams: 张建国,v1.demo1.abc', { cause: pgErr });
    const line = describeError(err);
    expect(line).toContain('23505');
    expect(line).toContain('users_phone_hash_unique');
    expect(line).not.toContain('张建国');
    expect(line).not.toContain('params');
  });
  it('keeps only the first line of other errors', () => {
    expect(describeError(new Error('boom\nsecret detail'))).toBe('Error: boom');
    expect(describeError('x'.repeat(500))).toHaveLength(200);
    expect(describeError({ password: 'p' })).toBe('non-error thrown');
  });
  it('writes one line with its context', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    logError('test', new Error('a\nb'));
    expect(spy).toHaveBeenCalledWith('[test]', 'Error: a');
    spy.mockRestore();
  });
});
