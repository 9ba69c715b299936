// The household list's and the decisions queue's cursors take their id's shape from
// lib/validators.ts (UUID_SHAPE): an id of any other shape, or text around it, gives no cursor
// (the first page), so nothing but a uuid reaches the query.
import { describe, expect, it } from 'vitest';
import { formatHouseholdCursor, parseHouseholdCursor } from '@/db/queries/cadre-households';
import { encodeDecisionCursor, parseDecisionCursor } from '@/db/queries/cases';

const ID = '3f2b9c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b';

describe('the household list cursor', () => {
  it('reads back what it wrote, and takes an id in capitals as the same id', () => {
    expect(parseHouseholdCursor(formatHouseholdCursor({ placeId: 42, id: ID }))).toEqual({ placeId: 42, id: ID });
    expect(parseHouseholdCursor(`42.${ID.toUpperCase()}`)).toEqual({ placeId: 42, id: ID });
  });

  it('gives no cursor for an id of another shape or with text around it', () => {
    for (const raw of [`42.${ID.slice(1)}`, `42.${ID}0`, `42.${ID.replaceAll('-', '')}`, `42.${'-'.repeat(36)}`, `x42.${ID}`, `42.${ID} `, `1234567890.${ID}`]) expect(parseHouseholdCursor(raw)).toBeNull();
  });
});

describe('the decisions queue cursor', () => {
  const at = '2026-11-30T08:15:30.123456Z';

  it('reads back what it wrote', () => {
    expect(parseDecisionCursor(encodeDecisionCursor({ at, id: ID }))).toEqual({ at, id: ID });
  });

  it('gives no cursor for an id of another shape, in capitals, or a time that does not exist', () => {
    for (const raw of [`${at}_${ID.slice(1)}`, `${at}_${ID}0`, `${at}_${'-'.repeat(36)}`, `${at}_${ID.toUpperCase()}`, `2026-13-40T08:15:30.123456Z_${ID}`]) expect(parseDecisionCursor(raw)).toBeNull();
  });
});
