// The queue's state lives in its URL (lib/ledger/query.ts): filters, the sealed search token and
// the keyset cursor. One parser for the page, the "load more" rows and the exports, so all three
// read exactly the same list.
import 'server-only';
import { z } from 'zod';
import { decodeQueueCursor, queueVillages, type QueueCursor, type QueueFilters } from '@/db/queries/queue';
import type { DbOrTx } from '@/db/client';
import { APPLICATION_STATUSES, PROGRAMME_CODES } from '@/lib/domain';
import { openSearch, type OpenedSearch } from '@/server/queue/search-token';
import { SEARCH_TEXT_PROBLEMS } from '@/lib/search-text';
import { SERIAL_MAX } from '@/lib/validators';
import { hrefWithQuery } from '@/lib/ledger/query';

type Params = Readonly<Record<string, string | string[] | undefined>>;

/** A filter that does not parse is dropped (a stale bookmark still opens the queue). */
const schema = z.object({
  programme: z.enum(PROGRAMME_CODES).optional().catch(undefined),
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  village: z.coerce.number().int().positive().max(SERIAL_MAX).optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  visit: z.literal('1').optional().catch(undefined),
  q: z.string().max(1000).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
  /** The search form's answer to a number that can find no one (./search/route.ts); not a filter, so no link keeps it. */
  idCheck: z.enum(SEARCH_TEXT_PROBLEMS).optional().catch(undefined),
});

export type QueueParams = z.output<typeof schema>;

/** Names of the URL parameters that are filters (kept by every link and form of the page). */
export const FILTER_KEYS = ['programme', 'status', 'village', 'overdue', 'visit', 'q'] as const;

export function parseQueueParams(params: Params | URLSearchParams): QueueParams {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) {
    const one = Array.isArray(v) ? v[0] : v;
    if (typeof one === 'string' && one !== '') flat[k] = one;
  }
  return schema.parse(flat);
}

/** The filters as URL parameters (no cursor), for links, hidden fields and exports. */
export function filterQuery(p: QueueParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = p[k];
    if (v !== undefined) out[k] = String(v);
  }
  return out;
}

export function queueHref(base: string, query: Record<string, string>): string {
  return hrefWithQuery(base, query); // the tables' builder: keys in a stable order, so one filter set is one URL
}

export interface ResolvedQueue {
  filters: QueueFilters;
  after: QueueCursor | null;
  villages: Awaited<ReturnType<typeof queueVillages>>;
  search: OpenedSearch | null;
  /** A search token was given but could not be opened (altered, or from before a key rotation). */
  searchLost: boolean;
}

/**
 * The filters for db/queries/queue.ts. The village must be one of the actor's own villages: an id
 * from elsewhere matches nothing (it never widens the list, which the scope would forbid anyway).
 */
export async function resolveQueue({ db, scopePaths, params }: { db: DbOrTx; scopePaths: readonly string[]; params: QueueParams }): Promise<ResolvedQueue> {
  const villages = await queueVillages({ db, scopePaths });
  const search = openSearch(params.q);
  let villagePath: string | undefined;
  if (params.village !== undefined) villagePath = villages.find((v) => v.id === params.village)?.path ?? '/0/';
  const filters: QueueFilters = {
    programme: params.programme,
    status: params.status,
    villagePath,
    overdue: params.overdue === '1',
    needsVisit: params.visit === '1',
    search: search?.search,
  };
  return { filters, after: decodeQueueCursor(params.after), villages, search, searchLost: Boolean(params.q) && !search };
}
