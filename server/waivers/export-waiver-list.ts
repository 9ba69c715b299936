import 'server-only';
// A waiver list as the file the company receives: every case of the list in reference order
// (the same rows each time), phones opened only to be masked by the ledger writer. Each
// download is audited (who, which list, format, how many rows) before the first row leaves.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { findWaiverList, waiverItemRows, waiverListHoldsAnyHousehold, type WaiverItemRow, type WaiverListRow } from '@/db/queries/waivers';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';
import { openPii } from '@/lib/protect';
import { assertWaiverManager } from './manage-companies';
import { ledgerRevealDetails, type LedgerReveal } from '@/server/ledger/reveal';

export type WaiverExportRow = WaiverItemRow & { headPhone: string | null; index: number };

/** `reveal`: names and phones in clear, for a role with pii:reveal, recorded with the reason in the audit row. */
export async function exportWaiverList({ db, actor, listId, format, ip, reveal = null }: { db: Db; actor: Actor; listId: string; format: 'csv' | 'xlsx'; ip: string | null; reveal?: LedgerReveal | null }): Promise<{ list: WaiverListRow; rows: AsyncIterable<WaiverExportRow> }> {
  assertWaiverManager(actor);
  const list = await findWaiverList({ db, id: listId });
  if (!list) throw new AppError('not_found:waiver_list');
  const revealed = await ledgerRevealDetails({ db, actor, reveal, ip, holdsStepAsideHousehold: (householdIds) => waiverListHoldsAnyHousehold({ db, listId: list.id, householdIds }) });
  await writeAudit({
    db,
    event: { actorId: actor.id, actorRole: actor.role, action: 'export.waiver_list', entity: 'waiver_list', entityId: list.id, success: true, ip, details: { format, reference: list.reference, rows: list.itemCount, masked: !revealed.revealed, ...revealed } },
  });
  const source = waiverItemRows({ db, listId: list.id });
  const rows = (async function* () {
    let index = 0;
    for await (const row of source) {
      let headPhone: string | null = null;
      if (row.headPhoneEnc) {
        try {
          headPhone = openPii(row.headPhoneEnc);
        } catch {
          headPhone = null;
        }
      }
      index += 1;
      yield { ...row, headPhone, index };
    }
  })();
  return { list, rows };
}
