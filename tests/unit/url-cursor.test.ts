// Keyset cursors come back from URLs, so anything can arrive in them. A cursor the lists can
// read is passed to PostgreSQL as a timestamp; one that only looks like a time (a 13th month, a
// 40th day) must be refused here, or the page fails in the database instead of starting over.
import { describe, expect, it } from 'vitest';
import { decodeTimeCursor, encodeCursor, isExactUtcTime } from '@/lib/url-cursor';
import { SERIAL_MAX, UUID_TEXT, serialIdSchema } from '@/lib/validators';

const ID = '3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f';

describe('isExactUtcTime', () => {
  it('accepts the times the lists write, to the microsecond', () => {
    for (const s of ['2026-11-30T08:15:00.123456Z', '2024-02-29T23:59:59.999999Z', '1999-01-01T00:00:00.000000Z']) expect(isExactUtcTime(s)).toBe(true);
  });

  it('refuses well-shaped times that do not exist, and other shapes', () => {
    for (const s of ['2024-13-40T25:00:00.000000Z', '2023-02-29T00:00:00.000000Z', '2026-11-31T00:00:00.000000Z', '2026-11-30T24:00:00.000000Z', '2026-11-30T23:60:00.000000Z', '2026-11-30T08:15:00.123Z', '2026-11-30 08:15:00.123456Z', '', null, 42]) {
      expect(isExactUtcTime(s)).toBe(false);
    }
  });

  it('decodeTimeCursor gives the first page (null) for a cursor whose time does not exist', () => {
    expect(decodeTimeCursor(encodeCursor(['2026-11-30T08:15:00.123456Z', ID]))).toEqual({ at: '2026-11-30T08:15:00.123456Z', id: ID });
    expect(decodeTimeCursor(encodeCursor(['2024-13-40T00:00:00.000000Z', ID]))).toBeNull();
  });
});

describe('ids from forms and URLs', () => {
  it('UUID_TEXT is the shape PostgreSQL reads, not any 36 hex digits and dashes', () => {
    expect(UUID_TEXT.test(ID)).toBe(true);
    expect(UUID_TEXT.test(ID.toUpperCase())).toBe(true);
    expect(UUID_TEXT.test('-'.repeat(36))).toBe(false);
    expect(UUID_TEXT.test('3f2b8c1e5d4a4b6c9e7f0a1b2c3d4e5f----')).toBe(false);
  });

  it('serialIdSchema takes 1 to the int4 maximum, and gives its message for anything else', () => {
    const schema = serialIdSchema('staff.errors.place');
    expect(schema.parse('7')).toBe(7);
    expect(schema.parse(String(SERIAL_MAX))).toBe(SERIAL_MAX);
    for (const bad of [String(SERIAL_MAX + 1), '99999999999', '0', '-1', '1.5', 'x']) {
      const r = schema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('staff.errors.place');
    }
  });
});
