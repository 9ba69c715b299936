// Keyset cursors in URLs ("load more"): the last row's sort key and id as base64url JSON, so a
// cursor is opaque to read but holds no personal data (times, place paths and ids only). A
// cursor that does not decode is treated as none: the list starts from the first page.
import { z } from 'zod';

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

const partsSchema = z.array(z.string().max(200)).min(1).max(4);

export function decodeCursor(raw: string | string[] | undefined, size: number): string[] | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 600) return null;
  try {
    const parsed = partsSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.length === size ? parsed.data : null;
  } catch {
    return null;
  }
}

const uuid = z.uuid();
const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A UTC time to the microsecond as the lists write it (2026-11-30T08:15:00.123456Z), and a
 * real one: 2024-13-40T25:00:00.000000Z has the shape but PostgreSQL refuses to read it, and a
 * cursor from a URL must never turn into a failed query (a 500) instead of the first page.
 */
export function isExactUtcTime(s: unknown): s is string {
  if (typeof s !== 'string' || !EXACT_TIME.test(s)) return false;
  const d = new Date(`${s.slice(0, 23)}Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === s.slice(0, 19);
}

/** A (time, id) cursor of the lists ordered by an exact timestamp and a uuid. */
export function decodeTimeCursor(raw: string | string[] | undefined): { at: string; id: string } | null {
  const parts = decodeCursor(raw, 2);
  if (!parts || !isExactUtcTime(parts[0]) || !uuid.safeParse(parts[1]).success) return null;
  return { at: parts[0]!, id: parts[1]! };
}

/** A (place path, id) cursor. */
export function decodePathCursor(raw: string | string[] | undefined): { path: string; id: string } | null {
  const parts = decodeCursor(raw, 2);
  if (!parts || !/^(\/\d+)+\/$/.test(parts[0]!) || !uuid.safeParse(parts[1]).success) return null;
  return { path: parts[0]!, id: parts[1]! };
}
