import 'server-only';
// The heating and property companies that receive the waiver lists, and the places each
// serves (a place's company serves everything below it unless a lower place names its own).
// Companies belong to the whole county: only a county-wide official manages them. Each change
// is one transaction with its audit row.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { deletePlaceCompany, findCompany, findPlace, insertCompany, upsertPlaceCompany, type CompanyKind } from '@/db/queries/waivers';
import { AppError } from '@/lib/errors';
import { can, isCountyWide, type Actor } from '@/lib/permissions';

/** Refuses anyone but a county-wide official: the lists and their companies are county business. */
export function assertWaiverManager(actor: Actor): void {
  if (!can(actor.role, 'waiver:manage') || !isCountyWide(actor)) throw new AppError('forbidden:waiver');
}

export async function createCompany({ db, actor, company, ip }: { db: Db; actor: Actor; company: { kind: CompanyKind; name: string; nameEn: string; contact: string }; ip: string | null }): Promise<{ companyId: number }> {
  assertWaiverManager(actor);
  return db.transaction(async (tx) => {
    const id = await insertCompany({ tx, company });
    if (id === null) throw new AppError('duplicate:company');
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'waiver.company.create', entity: 'service_company', entityId: String(id), success: true, ip, details: { kind: company.kind, name: company.name } } });
    return { companyId: id };
  });
}

/** The place names this company for the company's kind, replacing the company it named before. */
export async function assignCompanyPlace({ db, actor, companyId, placeId, ip }: { db: Db; actor: Actor; companyId: number; placeId: number; ip: string | null }): Promise<void> {
  assertWaiverManager(actor);
  await db.transaction(async (tx) => {
    const company = await findCompany({ db: tx, id: companyId });
    if (!company) throw new AppError('not_found:company');
    const place = await findPlace({ db: tx, id: placeId });
    if (!place) throw new AppError('not_found:place');
    await upsertPlaceCompany({ tx, placeId, kind: company.kind, companyId });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'waiver.company.assign', entity: 'service_company', entityId: String(companyId), success: true, ip, details: { placeId, kind: company.kind } } });
  });
}

export async function unassignCompanyPlace({ db, actor, companyId, placeId, ip }: { db: Db; actor: Actor; companyId: number; placeId: number; ip: string | null }): Promise<void> {
  assertWaiverManager(actor);
  await db.transaction(async (tx) => {
    if (!(await deletePlaceCompany({ tx, placeId, companyId }))) throw new AppError('not_found:assignment');
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'waiver.company.unassign', entity: 'service_company', entityId: String(companyId), success: true, ip, details: { placeId } } });
  });
}
