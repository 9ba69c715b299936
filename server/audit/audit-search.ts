// The officials' audit search (issue 11 item 3): what the filter form asks (a person by phone or
// name, an action or a family of them, a case by reference, a household by its head's ID number,
// CST days, refused only) turned into the query's filters, and the three things an official does
// with it — read a page, export the filtered log, check the chain. Only county-wide officials
// read the log: its rows span every place, and a row names no place to scope it by. The person
// and the ID number travel in the URL only as sealed tokens (server/queue/search-token.ts; the
// form posts to app/county/audit/search, which seals them).
import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { auditLogRows, findApplicationIdByReference, findAuditActors, findHouseholdIdByHeadHash, firstBrokenAuditRow, searchAuditLog, type AuditFilters, type AuditRow } from '@/db/queries/audit-log';
import { AppError } from '@/lib/errors';
import { isCountyWide, type Actor } from '@/lib/permissions';
import { addCalendarDays, fromCstDate, isValidDate } from '@/lib/time';
import { openSearch, searchKind } from '@/server/queue/search-token';

/** Families of actions the form offers (an action name that ends with '.' matches its family). */
export const AUDIT_FAMILIES = ['pii.', 'export.', 'auth.', 'staff.', 'programme.', 'enrolment.', 'stock.', 'budget.', 'payment.', 'waiver.', 'household.', 'upload.'] as const;

const day = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return undefined;
    const d = fromCstDate(v);
    if (!isValidDate(d)) {
      ctx.addIssue({ code: 'custom', message: 'countyAudit.errors.date' });
      return z.NEVER;
    }
    return d;
  });

/** The form's fields as they arrive in the URL (every one optional). */
export const auditSearchParams = z.object({
  /** Sealed search tokens (sealSearch): a phone or a name; a head's ID number. */
  person: z.string().trim().max(2000).default(''),
  family: z.enum(['', ...AUDIT_FAMILIES]).catch(''),
  action: z
    .string()
    .trim()
    .max(60)
    // A code of the registry (lib/audit/actions.ts; a few have a capital: notification.readAll), or a family ending in '.'.
    .regex(/^[a-zA-Z_.]*$/, { message: 'countyAudit.errors.action' })
    .default(''),
  reference: z.string().trim().max(30).default(''),
  idNumber: z.string().trim().max(2000).default(''),
  from: day,
  to: day,
  outcome: z.enum(['', 'ok', 'refused']).catch(''),
});
export type AuditSearchInput = z.output<typeof auditSearchParams>;

export function parseAuditSearch(params: URLSearchParams | Record<string, string | string[] | undefined>): { input: AuditSearchInput; errors: Record<string, string> } {
  const raw: Record<string, string> = {};
  const get = (k: string) => (params instanceof URLSearchParams ? params.get(k) : ((v) => (Array.isArray(v) ? v[0] : v))(params[k]));
  for (const k of Object.keys(auditSearchParams.shape)) raw[k] = get(k) ?? '';
  const parsed = auditSearchParams.safeParse(raw);
  if (parsed.success) return { input: parsed.data, errors: {} };
  // Keep every field that did parse; name the ones that did not, next to themselves.
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] = issue.message;
  const clean = { ...raw };
  for (const k of Object.keys(errors)) clean[k] = '';
  return { input: auditSearchParams.parse(clean), errors };
}

function requireCountyWide(actor: Actor): void {
  if (actor.role !== 'official' || !isCountyWide(actor)) throw new AppError('forbidden:audit');
}

/** Resolves the person, case and household the form names; a name that matches nothing matches no row. */
export async function resolveAuditFilters({ db, input }: { db: DbOrTx; input: AuditSearchInput }): Promise<AuditFilters> {
  const f: AuditFilters = {};
  if (input.person) {
    const s = openSearch(input.person)?.search;
    f.actorIds = s?.kind === 'phone' ? await findAuditActors({ db, phoneHash: s.hash }) : s?.kind === 'name' ? await findAuditActors({ db, namePrefix: s.prefix }) : [];
  }
  if (input.action) f.action = input.action;
  else if (input.family) f.action = input.family;
  if (input.reference) {
    f.entity = 'application';
    f.entityId = (await findApplicationIdByReference({ db, reference: input.reference.toUpperCase() })) ?? '00000000-0000-0000-0000-000000000000';
  } else if (input.idNumber) {
    const s = openSearch(input.idNumber)?.search;
    f.entity = 'household';
    f.entityId = (s?.kind === 'id' ? await findHouseholdIdByHeadHash({ db, idNumberHash: s.hash }) : null) ?? '00000000-0000-0000-0000-000000000000';
  }
  if (input.from) f.from = input.from;
  if (input.to) f.to = addCalendarDays(input.to, 1);
  if (input.outcome) f.outcome = input.outcome;
  return f;
}

export async function readAuditPage({ db, actor, input, beforeId }: { db: DbOrTx; actor: Actor; input: AuditSearchInput; beforeId?: number }): Promise<{ rows: AuditRow[]; more: boolean }> {
  requireCountyWide(actor);
  return searchAuditLog({ db, filters: await resolveAuditFilters({ db, input }), beforeId, limit: 50 });
}

/** Audited before the first row leaves (with the filters, the ID number by kind only), then streamed in keyset batches. */
export async function exportAuditLog({ db, actor, ip, input, format }: { db: DbOrTx; actor: Actor; ip: string | null; input: AuditSearchInput; format: 'csv' | 'xlsx' }): Promise<AsyncIterable<AuditRow>> {
  requireCountyWide(actor);
  const filters = await resolveAuditFilters({ db, input });
  const { idNumber, person, ...rest } = input;
  await writeAudit({
    db,
    event: { actorId: actor.id, actorRole: actor.role, action: 'export.audit', entity: 'audit_events', entityId: null, success: true, ip, details: { format, ...rest, person: searchKind(openSearch(person)), household: searchKind(openSearch(idNumber)) } },
  });
  return auditLogRows({ db, filters });
}

/** The chain check an official asks for: the first altered row, or null; the check itself is recorded. */
export async function checkAuditChain({ db, actor, ip }: { db: DbOrTx; actor: Actor; ip: string | null }): Promise<{ intact: true } | { intact: false; id: number; at: Date }> {
  requireCountyWide(actor);
  const bad = await firstBrokenAuditRow({ db });
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'audit.verify', entity: 'audit_events', entityId: bad ? String(bad.id) : null, success: true, ip, details: { intact: !bad } } });
  return bad ? { intact: false, id: bad.id, at: bad.at } : { intact: true };
}
