import 'server-only';
// The visits ledger (入户走访台账, issue 11 item 2) of a cadre's places: every visit, newest day
// first, the head of household masked by the ledger writer; audited before the first row leaves.
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { visitLedgerRows, type VisitFilters } from '@/db/queries/visits';
import { AppError } from '@/lib/errors';
import { can, placeWithin, type Actor } from '@/lib/permissions';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

/** `reveal`: heads' names in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
export async function exportVisits({ db, actor, ip, format, reveal = null, filters = {} }: { db: DbOrTx; actor: Actor; ip: string | null; format: 'csv' | 'xlsx'; reveal?: LedgerReveal | null; filters?: VisitFilters }) {
  // Cadres export their places' ledger, officials theirs (/county/visits, narrowed by its filters).
  if (!can(actor.role, 'visit:record') && !can(actor.role, 'visit:read')) throw new AppError('forbidden:visit');
  if (filters.placePath && !placeWithin(filters.placePath, actor.placePaths)) throw new AppError('not_found:place');
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip });
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'export.visits', entity: 'visit', entityId: null, success: true, ip, details: { format, ...visitFilterDetails(filters), ...revealed } } });
  return visitLedgerRows({ db, scopePaths: actor.placePaths, filters });
}

/** The filters an export was narrowed by, for its audit row (only those given). */
function visitFilterDetails(f: VisitFilters) {
  const given = Object.entries({ place: f.placePath, round: f.round, from: f.from, to: f.to }).filter(([, v]) => v != null);
  return given.length > 0 ? { filters: Object.fromEntries(given) } : {};
}
