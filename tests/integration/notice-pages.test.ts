// The public notice board in keyset pages: walking the pages gives every case on notice once,
// in the board's order, and a cursor that does not belong to the filters starts again.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers';
import { seedDemo } from '@/db/seed';
import * as s from '@/db/schema';
import { noticeBoardPage } from '@/db/queries/notice';

const t = useTestDatabase();
const ids = (groups: { entries: { applicationId: string }[] }[]) => groups.flatMap((g) => g.entries.map((e) => e.applicationId));

describe('notice board pages', () => {
  it('walks every case on notice once, in order, five at a time', async () => {
    await seedDemo(t.db);
    const whole = await noticeBoardPage({ db: t.db, limit: 500 });
    expect(whole.total).toBeGreaterThan(10);
    expect(whole.nextAfter).toBeNull();
    const all = ids(whole.groups);
    expect(all.length).toBe(whole.total);

    const walked: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const p = await noticeBoardPage({ db: t.db, limit: 5, after });
      expect(p.total).toBe(whole.total);
      walked.push(...ids(p.groups));
      if (!p.nextAfter) break;
      expect(ids(p.groups)).toHaveLength(5);
      after = p.nextAfter;
    }
    expect(walked).toEqual(all);
  });

  it('walks the cases of one programme on notice page by page too (each filter has its own prepared statements)', async () => {
    const [any] = await t.db.select({ id: s.applications.id }).from(s.applications).limit(1);
    if (!any) await seedDemo(t.db);
    const everything = await noticeBoardPage({ db: t.db, limit: 500 });
    const programme = everything.groups[0]!.programmeCode;
    const whole = await noticeBoardPage({ db: t.db, programme, limit: 500 });
    const all = ids(whole.groups);
    expect(all.length).toBe(whole.total);
    expect(whole.total).toBeGreaterThan(2);
    expect(whole.total).toBeLessThan(everything.total);
    expect(whole.groups.every((g) => g.programmeCode === programme)).toBe(true);
    const walked: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50 && walked.length < all.length; page++) {
      const p = await noticeBoardPage({ db: t.db, programme, limit: 2, after });
      walked.push(...ids(p.groups));
      if (!p.nextAfter) break;
      after = p.nextAfter;
    }
    expect(walked).toEqual(all);
  });

  it('a cursor outside the filters (or not on the board) starts from the first page', async () => {
    const first = await noticeBoardPage({ db: t.db, limit: 5 });
    const restart = await noticeBoardPage({ db: t.db, limit: 5, after: '00000000-0000-4000-8000-000000000000' });
    expect(ids(restart.groups)).toEqual(ids(first.groups));
  });

  it('follows a case leaving and entering notice, in the transaction of the change (notice_entries, migration 0008)', async () => {
    const [any] = await t.db.select({ id: s.applications.id }).from(s.applications).limit(1);
    if (!any) await seedDemo(t.db);
    const before = await noticeBoardPage({ db: t.db, limit: 500 });
    const leaving = ids(before.groups)[0]!;
    await t.db.update(s.applications).set({ status: 'approved' }).where(eq(s.applications.id, leaving));
    const without = await noticeBoardPage({ db: t.db, limit: 500 });
    expect(without.total).toBe(before.total - 1);
    expect(ids(without.groups)).not.toContain(leaving);
    // A change rolled back leaves the board as it was.
    await t.db
      .transaction(async (tx) => {
        await tx.update(s.applications).set({ status: 'in_public_notice' }).where(eq(s.applications.id, leaving));
        tx.rollback();
      })
      .catch(() => {});
    expect((await noticeBoardPage({ db: t.db, limit: 500 })).total).toBe(before.total - 1);
    await t.db.update(s.applications).set({ status: 'in_public_notice' }).where(eq(s.applications.id, leaving));
    const back = await noticeBoardPage({ db: t.db, limit: 500 });
    expect(ids(back.groups)).toEqual(ids(before.groups));
  });
});
