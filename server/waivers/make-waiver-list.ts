import 'server-only';
// "Make the list" for one company: a waiver list and, set-based, every approved case of the
// programme that the company serves and that is on no live list. Two officials building at
// once never put a case on two lists (the live-item unique index: the second insert waits for
// the first and skips what it took); a build that finds nothing rolls back and says so.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { fillWaiverList, findCompany, insertWaiverList, KIND_OF_PROGRAMME, setListItemCount, type WaiverProgramme } from '@/db/queries/waivers';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { cstDate } from '@/lib/time';
import { assertWaiverManager } from './manage-companies';

/** WL-20261130-3F9A0C: the day it was made (China time) and a random part; unique by constraint. */
function newReference(now: Date): string {
  return `WL-${cstDate(now).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export async function makeWaiverList({ db, actor, programme, companyId, ip, now = new Date() }: { db: Db; actor: Actor; programme: WaiverProgramme; companyId: number; ip: string | null; now?: Date }): Promise<{ listId: string; reference: string; itemCount: number }> {
  assertWaiverManager(actor);
  return db.transaction(async (tx) => {
    const company = await findCompany({ db: tx, id: companyId });
    if (!company || !company.active) throw new AppError('not_found:company');
    if (company.kind !== KIND_OF_PROGRAMME[programme]) throw new AppError('conflict:company_kind');
    const list = await insertWaiverList({ tx, list: { reference: newReference(now), programmeCode: programme, companyId, createdBy: actor.id, createdAt: now } });
    const itemCount = await fillWaiverList({ tx, listId: list.id, programme, companyId });
    if (itemCount === 0) throw new AppError('conflict:nothing_to_list');
    await setListItemCount({ tx, listId: list.id, count: itemCount });
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'waiver.list.make', entity: 'waiver_list', entityId: list.id, success: true, ip, details: { reference: list.reference, programme, companyId, itemCount } } });
    return { listId: list.id, reference: list.reference, itemCount };
  });
}
