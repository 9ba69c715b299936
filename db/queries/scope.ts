import 'server-only';
// The access policy's record rule (lib/permissions.ts `mayReach`) as SQL conditions, so
// record loads are scoped by the actor in the WHERE clause instead of fetched and then
// checked. tests/integration/scope.test.ts proves both forms agree.
import { eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { households, places } from '../schema';
import type { Actor } from '@/lib/permissions';

/** "place path lies under one of these paths"; null scope = the whole county. */
export function pathWithin(column: AnyPgColumn, scopePaths: readonly string[] | null): SQL | undefined {
  if (scopePaths === null) return undefined;
  const paths = scopePaths.filter((p) => p.length > 0);
  if (paths.length === 0) return sql`false`;
  return or(...paths.map((p) => like(column, `${p}%`)));
}

/** SQL condition "place is under one of these paths" on `places.path`; null scope = the whole county. */
export function placeInScope(scopePaths: readonly string[] | null): SQL | undefined {
  return pathWithin(places.path, scopePaths);
}

/**
 * The record rule as a WHERE condition. The query must join the columns it names (by
 * default `places.path` of the record's place and `households.owner_user_id`); pass
 * `filedBy` for grievances, which a resident reaches also by having filed them.
 */
export function whereReachable(
  actor: Actor,
  on: { placePath?: AnyPgColumn; ownerUserId?: AnyPgColumn; filedBy?: AnyPgColumn } = {},
): SQL {
  if (actor.role === 'resident') {
    const owner = eq(on.ownerUserId ?? households.ownerUserId, actor.id);
    return (on.filedBy ? or(owner, eq(on.filedBy, actor.id)) : owner) ?? sql`false`;
  }
  return pathWithin(on.placePath ?? places.path, actor.placePaths) ?? sql`false`;
}
