import 'server-only';
// The decisions ledger (审批台账, issue 11 item 2): every decided case inside the reader's places —
// approved, refused, enrolled — newest decision first, in keyset batches by (decided_at, id)
// (applications_decided_at_id_idx), with who decided. Who may read it is the use case's business.
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { applications, households, places, users } from '../schema';
import { closingStep } from './case-closing';
import { keysetRows } from './keyset';
import { placeInScope } from './scope';
import type { ClosingStep } from '@/lib/case-status';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';

export interface DecisionLedgerRow {
  id: string;
  reference: string;
  programmeCode: ProgrammeCode;
  status: ApplicationStatus;
  /** What closed a withdrawn or fulfilled case, for its status word (lib/case-status.ts). */
  closing: ClosingStep | null;
  decidedAt: Date;
  deciderName: string | null;
  householdId: string;
  headName: string;
  placeName: string;
  entitlement: unknown;
}

export async function* decisionLedgerRows({ db, scopePaths, batch = 1000 }: { db: DbOrTx; scopePaths: readonly string[]; batch?: number }): AsyncGenerator<DecisionLedgerRow> {
  const deciders = alias(users, 'decider');
  const rows = keysetRows<DecisionLedgerRow & { at: string }, { at: string; id: string }>({
    batch,
    cursorOf: (last) => ({ at: last.at, id: last.id }),
    fetchPage: async (after, limit) =>
      db
        .select({
          id: applications.id,
          reference: applications.reference,
          programmeCode: applications.programmeCode,
          status: applications.status,
          closing: closingStep,
          decidedAt: sql<Date>`${applications.decidedAt}`.mapWith(applications.decidedAt),
          deciderName: deciders.realName,
          householdId: households.id,
          headName: households.headName,
          placeName: places.name,
          entitlement: applications.entitlement,
          // The sort key at PostgreSQL's own precision, for the next batch's cursor.
          at: sql<string>`to_char(${applications.decidedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(applications)
        .innerJoin(households, eq(households.id, applications.householdId))
        .innerJoin(places, eq(places.id, households.placeId))
        .leftJoin(deciders, eq(deciders.id, applications.decidedBy))
        .where(and(sql`${applications.decidedAt} IS NOT NULL`, placeInScope(scopePaths), after ? sql`(${applications.decidedAt}, ${applications.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
        .orderBy(desc(applications.decidedAt), desc(applications.id))
        .limit(limit),
  });
  for await (const { at: _at, ...r } of rows) yield r;
}
