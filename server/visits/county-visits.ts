import 'server-only';
// The officials' visits page and ledger (/county/visits, issue 11 items 1 and 2): which place
// they look at (inside their places, else not found), its grade-D visit coverage place by place
// below it (from the rollup), and the visits themselves newest first with the filters of the
// URL. Reading visits is the officials' `visit:read`; cadres have their own page.
import type { DbOrTx } from '@/db/client';
import { placeTrail, type DashboardPlace } from '@/db/queries/dashboard';
import { visitCoverageBelow, visitPage, visitPlaceOptions, type VisitCursor, type VisitFilters, type VisitRound } from '@/db/queries/visits';
import { AppError } from '@/lib/errors';
import { can, placeWithin, type Actor } from '@/lib/permissions';
import { fromCstDate, isValidDate } from '@/lib/time';
import { UUID_SHAPE } from '@/lib/validators';
import { dashboardPlace } from '@/server/dashboard/dashboard-place';

/** The list's state as the URL carries it (filters, then the page's cursor), already checked. */
export interface VisitQuery {
  /** The place asked for (?place=id); undefined: the widest of the reader's places. */
  place: string | undefined;
  round: VisitRound | null;
  from: string | null;
  to: string | null;
  cursor: VisitCursor | null;
}

type Params = Readonly<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function day(v: string | undefined): string | null {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) && isValidDate(fromCstDate(v)) ? v : null;
}

/** A visits cursor as encodeVisitCursor writes it, `<day>~<visit id>`; "load more" checks its input against it too. */
export const VISIT_CURSOR_TEXT = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})~(${UUID_SHAPE})$`, 'i');

export function encodeVisitCursor(c: VisitCursor): string {
  return `${c.day}~${c.id}`;
}

/**
 * Search parameters as a visits query. A value that is not one (a round of 7, a date that is not
 * a day) is dropped, as if not given: the list shows more, never something outside the places.
 */
export function parseVisitQuery(params: Params): VisitQuery {
  const round = Number(first(params.round));
  const m = VISIT_CURSOR_TEXT.exec(first(params.cursor) ?? '');
  const cursorDay = m ? day(m[1]) : null;
  return {
    place: first(params.place) || undefined,
    round: round === 1 || round === 2 || round === 3 ? round : null,
    from: day(first(params.from)),
    to: day(first(params.to)),
    cursor: m && cursorDay ? { day: cursorDay, id: m[2]!.toLowerCase() } : null,
  };
}

/** The filters of a query as search parameters (no cursor): for the export links and "load more". */
export function visitQueryParams(q: VisitQuery, place: DashboardPlace): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.place !== undefined) out.place = String(place.id);
  if (q.round) out.round = String(q.round);
  if (q.from) out.from = q.from;
  if (q.to) out.to = q.to;
  return out;
}

function assertVisitReader(actor: Actor): void {
  if (!can(actor.role, 'visit:read')) throw new AppError('forbidden:visit');
}

/**
 * The place the reader looks at and the list's filters as the queries take them; null when the
 * place asked for is not inside the reader's places (the page and the route answer 404).
 * Throws forbidden:visit for a role without `visit:read`.
 */
export async function openVisitsPlace({ db, actor, query }: { db: DbOrTx; actor: Actor; query: VisitQuery }): Promise<{ place: DashboardPlace; filters: VisitFilters } | null> {
  assertVisitReader(actor);
  const place = await dashboardPlace({ db, placePaths: actor.placePaths, asked: query.place });
  if (!place || !placeWithin(place.path, actor.placePaths)) return null;
  // Nothing asked: the list covers all of the reader's places (the coverage shows the widest).
  return { place, filters: { placePath: query.place !== undefined ? place.path : null, round: query.round, from: query.from, to: query.to } };
}

/** Everything /county/visits shows for one place: coverage below it, the places to narrow to, one page of visits. */
export async function readCountyVisits({ db, actor, query, limit = 50 }: { db: DbOrTx; actor: Actor; query: VisitQuery; limit?: number }) {
  const opened = await openVisitsPlace({ db, actor, query });
  if (!opened) return null;
  const { place, filters } = opened;
  const [trail, coverage, options, page] = await Promise.all([
    placeTrail({ db, place }),
    visitCoverageBelow({ db, placePath: place.path }),
    visitPlaceOptions({ db, scopePaths: actor.placePaths }),
    visitPage({ db, scopePaths: actor.placePaths, filters, after: query.cursor, limit }),
  ]);
  return { place, trail, filters, coverage, options, page };
}

/** The page of visits after `after`, for "load more" (the place and filters from openVisitsPlace). */
export async function readVisitsAfter({ db, actor, filters, after, limit = 50 }: { db: DbOrTx; actor: Actor; filters: VisitFilters; after: VisitCursor; limit?: number }) {
  assertVisitReader(actor);
  if (filters.placePath && !placeWithin(filters.placePath, actor.placePaths)) throw new AppError('not_found:place');
  return visitPage({ db, scopePaths: actor.placePaths, filters, after, limit });
}
