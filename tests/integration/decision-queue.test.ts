// The officials' decision queue at county scale (db/queries/cases.ts decisionQueuePage,
// decisionGroupCounts) on a real PostgreSQL: cases of every group, and cases that must stay out
// of it, in two townships; counts exact beyond a page, keyset pages that cover every case once in
// order (ties on the ready time included), the group and reference filters, and a township
// official who sees only their own township's cases, even when asking for another's reference.
import { randomBytes } from 'node:crypto';
import { makeHousehold, seedProgrammes, useTestDatabase } from './helpers';
import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import {
  DECISION_GROUPS,
  decisionGroupCounts,
  decisionQueuePage,
  encodeDecisionCursor,
  parseDecisionCursor,
  type DecisionCursor,
  type DecisionGroup,
} from '@/db/queries/cases';
import type { ProgrammeCode } from '@/lib/domain';

const t = useTestDatabase();
const DAY = 86_400_000;

type Township = 't1' | 't2';
interface Arranged {
  id: string;
  reference: string;
  township: Township;
  /** The group it must be listed in, or null when it must stay out of the queue. */
  group: DecisionGroup | null;
  readyAt: string;
}

const places = {} as Record<'county' | Township | 'v1' | 'v2', s.Place>;
let cases: Arranged[] = [];
let seq = 0;

async function place(level: s.Place['level'], name: string, parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

interface Kind {
  n: number;
  programme: ProgrammeCode;
  status: s.Application['status'];
  group: DecisionGroup | null;
  /** Notice window relative to now, in days (in_public_notice only). */
  notice?: { startsIn: number; endsIn: number };
  objection?: 'open' | 'upheld';
}

/** `n` cases of one kind in a village, one household each; every three share a ready time. */
async function arrange(township: Township, kinds: Kind[]) {
  const village = township === 't1' ? places.v1 : places.v2;
  const base = Date.now() - 20 * DAY;
  for (const k of kinds) {
    const hh = await t.db
      .insert(s.households)
      .values(Array.from({ length: k.n }, (_, i) => ({ headName: `张${township}${i}明`, headIdNumberHash: randomBytes(16).toString('hex'), headIdNumberEnc: 'x', placeId: village.id, kind: 'rural' as const })))
      .returning({ id: s.households.id });
    const rows = hh.map((h) => {
      const at = new Date(base + Math.floor(seq++ / 3) * 60_000);
      return {
        reference: `ZZ-2026-${String(seq).padStart(6, '0')}`,
        householdId: h.id,
        programmeCode: k.programme,
        status: k.status,
        // A submitted case carries its submission time (CHECK applications_submitted_has_time, migration 0027).
        submittedAt: k.status === 'submitted' ? at : null,
        updatedAt: at,
        noticeStartsAt: k.notice ? new Date(Date.now() + k.notice.startsIn * DAY) : null,
        // Notices of one kind end together: ties on notice_ends_at are broken by id.
        noticeEndsAt: k.notice ? new Date(Date.now() + k.notice.endsIn * DAY - (seq % 2) * 1000) : null,
      };
    });
    const apps = await t.db.insert(s.applications).values(rows).returning({ id: s.applications.id, reference: s.applications.reference });
    if (k.objection) {
      await t.db.insert(s.objections).values(apps.map((a) => ({ applicationId: a.id, filedBy: objector, reason: '情况不实', status: k.objection! })));
    }
    for (const a of apps) cases.push({ id: a.id, reference: a.reference, township, group: k.group, readyAt: '' });
  }
}

let objector = '';

beforeAll(async () => {
  places.county = await place('county', '测试市', null);
  places.t1 = await place('township', '甲镇', places.county);
  places.v1 = await place('village', '甲村', places.t1);
  places.t2 = await place('township', '乙镇', places.county);
  places.v2 = await place('village', '乙村', places.t2);
  await seedProgrammes(t.db);
  objector = (await makeHousehold(t.db)).user.id;
  const over = { startsIn: -10, endsIn: -3 };
  await arrange('t1', [
    { n: 55, programme: 'heating_fee_waiver', status: 'recommended', group: 'recommended' },
    // Recommended for a programme with a public notice: it goes on notice first, not to the official.
    { n: 2, programme: 'building_materials', status: 'recommended', group: null },
    { n: 6, programme: 'appliance_subsidy', status: 'in_public_notice', group: 'notice_over', notice: over },
    { n: 1, programme: 'building_materials', status: 'in_public_notice', group: null, notice: over, objection: 'open' },
    { n: 1, programme: 'building_materials', status: 'in_public_notice', group: 'notice_over', notice: over, objection: 'upheld' },
    { n: 2, programme: 'appliance_subsidy', status: 'in_public_notice', group: null, notice: { startsIn: -2, endsIn: 5 } },
    { n: 4, programme: 'warm_winter', status: 'appealed', group: 'appealed' },
    { n: 3, programme: 'warm_winter', status: 'submitted', group: null },
    { n: 2, programme: 'heating_fee_waiver', status: 'approved', group: null },
  ]);
  await arrange('t2', [
    { n: 3, programme: 'property_fee_waiver', status: 'recommended', group: 'recommended' },
    { n: 2, programme: 'building_materials', status: 'in_public_notice', group: 'notice_over', notice: over },
    { n: 53, programme: 'appliance_repair', status: 'appealed', group: 'appealed' },
  ]);
  // Microseconds on every ready time, as PostgreSQL's now() writes them: the cursor must keep them.
  await t.db.execute(sql`UPDATE applications SET updated_at = updated_at + interval '0.000123 seconds', notice_ends_at = notice_ends_at + interval '0.000456 seconds'`);
  const ready = await t.db
    .select({
      id: s.applications.id,
      at: sql<string>`to_char((CASE WHEN ${s.applications.status} = 'in_public_notice' THEN ${s.applications.noticeEndsAt} ELSE ${s.applications.updatedAt} END) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(s.applications);
  const byId = new Map(ready.map((r) => [r.id, r.at]));
  cases = cases.map((c) => ({ ...c, readyAt: byId.get(c.id)! }));
});

const scopeOf = (who: 'county' | Township) => [places[who].path];

/** What the queue must list: the group's cases inside the townships, by (ready time, id). */
function expected(group: DecisionGroup, townships: Township[]): string[] {
  return cases
    .filter((c) => c.group === group && townships.includes(c.township))
    .sort((a, b) => (a.readyAt < b.readyAt ? -1 : a.readyAt > b.readyAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => c.id);
}

async function walk(scopePaths: readonly string[] | null, group: DecisionGroup, limit?: number) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: DecisionCursor | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await decisionQueuePage({ db: t.db, scopePaths, group, after, limit });
    for (const r of page.rows) expect(r.group).toBe(group);
    ids.push(...page.rows.map((r) => r.id));
    sizes.push(page.rows.length);
    if (!page.next) return { ids, sizes };
    // Through the URL form and back, as the page's next link carries it.
    after = parseDecisionCursor(encodeDecisionCursor(page.next));
    expect(after).toEqual(page.next);
  }
  throw new Error('the pages never ended');
}

describe('decision queue at county scale', () => {
  it('counts each group exactly, beyond a page, county-wide and per township', async () => {
    const whole = await decisionGroupCounts({ db: t.db, scopePaths: null });
    expect(whole.counts).toEqual({ recommended: 58, notice_over: 9, appealed: 57 });
    expect(whole.asOf).toBeInstanceOf(Date);
    expect((await decisionGroupCounts({ db: t.db, scopePaths: scopeOf('county') })).counts).toEqual(whole.counts);
    expect((await decisionGroupCounts({ db: t.db, scopePaths: scopeOf('t1') })).counts).toEqual({ recommended: 55, notice_over: 7, appealed: 4 });
    expect((await decisionGroupCounts({ db: t.db, scopePaths: scopeOf('t2') })).counts).toEqual({ recommended: 3, notice_over: 2, appealed: 53 });
    // The counts are those of the lists.
    for (const g of DECISION_GROUPS) expect(expected(g, ['t1', 't2'])).toHaveLength(whole.counts[g]);
  });

  it('pages of 50 cover every case of a group once, oldest first, for a county-wide and a township official', async () => {
    for (const group of DECISION_GROUPS) {
      const all = await walk(null, group);
      expect(all.ids).toEqual(expected(group, ['t1', 't2']));
      expect(new Set(all.ids).size).toBe(all.ids.length);
      expect(all.sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
      expect((await walk(scopeOf('county'), group)).ids).toEqual(all.ids);
      expect((await walk(scopeOf('t1'), group)).ids).toEqual(expected(group, ['t1']));
      expect((await walk(scopeOf('t2'), group)).ids).toEqual(expected(group, ['t2']));
    }
    // Beyond a page in each township: the second page exists and starts where the first ended.
    expect((await walk(scopeOf('t1'), 'recommended')).sizes).toEqual([50, 5]);
    expect((await walk(scopeOf('t2'), 'appealed')).sizes).toEqual([50, 3]);
  });

  it('small pages split ties on the ready time by id without losing or repeating a case', async () => {
    for (const group of DECISION_GROUPS) {
      const { ids, sizes } = await walk(null, group, 2);
      expect(ids).toEqual(expected(group, ['t1', 't2']));
      expect(sizes.every((n) => n <= 2)).toBe(true);
    }
  });

  it('keeps out what does not wait for an official; an upheld objection and appeals are not batch-approvable', async () => {
    const listed = new Set<string>();
    for (const g of DECISION_GROUPS) for (const id of (await walk(null, g)).ids) listed.add(id);
    for (const c of cases) expect(listed.has(c.id)).toBe(c.group !== null);
    const over = (await decisionQueuePage({ db: t.db, scopePaths: scopeOf('t1'), group: 'notice_over' })).rows;
    const upheld = over.filter((r) => r.upheldObjections > 0);
    expect(upheld).toHaveLength(1);
    expect(upheld[0]!.approvable).toBe(false);
    expect(over.filter((r) => r.approvable)).toHaveLength(6);
    expect((await decisionQueuePage({ db: t.db, scopePaths: null, group: 'appealed' })).rows.every((r) => !r.approvable)).toBe(true);
    expect((await decisionQueuePage({ db: t.db, scopePaths: null, group: 'recommended' })).rows.every((r) => r.approvable)).toBe(true);
    // Names leave masked.
    const first = (await decisionQueuePage({ db: t.db, scopePaths: null, group: 'recommended', limit: 1 })).rows[0]!;
    expect(first.maskedHeadName).toMatch(/\*/);
  });

  it("finds a waiting case by its exact reference in whichever group, inside the official's places only", async () => {
    const t2Appeal = cases.find((c) => c.township === 't2' && c.group === 'appealed')!;
    const t1Over = cases.find((c) => c.township === 't1' && c.group === 'notice_over')!;
    const byRef = (scopePaths: readonly string[] | null, reference: string) => decisionQueuePage({ db: t.db, scopePaths, group: 'recommended', reference });

    const found = await byRef(null, t2Appeal.reference);
    expect(found.rows.map((r) => [r.id, r.group])).toEqual([[t2Appeal.id, 'appealed']]);
    expect(found.next).toBeNull();
    expect((await byRef(scopeOf('t1'), t1Over.reference)).rows.map((r) => r.id)).toEqual([t1Over.id]);
    // Another township's case is not found by its reference, nor is a case that does not wait.
    expect((await byRef(scopeOf('t1'), t2Appeal.reference)).rows).toEqual([]);
    expect((await byRef(scopeOf('t2'), t1Over.reference)).rows).toEqual([]);
    for (const c of cases.filter((x) => x.group === null)) expect((await byRef(null, c.reference)).rows).toEqual([]);
    expect((await byRef(null, 'ZZ-2026-999999')).rows).toEqual([]);
    // Exact: a prefix finds nothing.
    expect((await byRef(null, t2Appeal.reference.slice(0, -1))).rows).toEqual([]);
  });

  it('a cursor in the URL that is not one is ignored', () => {
    expect(parseDecisionCursor('2026-01-01T00:00:00.000000Z_not-a-uuid')).toBeNull();
    expect(parseDecisionCursor("'; DROP TABLE applications; --")).toBeNull();
    expect(parseDecisionCursor(undefined)).toBeNull();
  });

  it('counts follow a decision and an answered objection at once', async () => {
    const rec = cases.find((c) => c.township === 't1' && c.group === 'recommended')!;
    await t.db.update(s.applications).set({ status: 'approved', decidedAt: new Date() }).where(eq(s.applications.id, rec.id));
    const [open] = await t.db.select({ applicationId: s.objections.applicationId }).from(s.objections).where(eq(s.objections.status, 'open'));
    await t.db.update(s.objections).set({ status: 'dismissed', answer: '经核实属实', answeredAt: new Date() }).where(inArray(s.objections.applicationId, [open!.applicationId]));
    expect((await decisionGroupCounts({ db: t.db, scopePaths: scopeOf('t1') })).counts).toEqual({ recommended: 54, notice_over: 8, appealed: 4 });
    expect((await decisionGroupCounts({ db: t.db, scopePaths: null })).counts).toEqual({ recommended: 57, notice_over: 10, appealed: 57 });
    expect((await walk(scopeOf('t1'), 'notice_over')).ids).toContain(open!.applicationId);
    expect((await walk(null, 'recommended')).ids).not.toContain(rec.id);
  });
});
