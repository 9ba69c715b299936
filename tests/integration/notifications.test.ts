// The notification outbox (issue 3 step 7): one change → one inbox row → one outbox row →
// delivered once through the Notifier, also when drains run at the same time; a failing
// notifier is retried up to five times and then marked failed; nothing personal reaches it.
import { makeHousehold, useTestDatabase } from './helpers';
import { describe, expect, it, beforeEach } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { notificationOutbox, notifications } from '@/db/schema';
import { MAX_ATTEMPTS, drainOutbox, enqueueNotification, listNotifications, markNotificationsRead, findOwnNotification } from '@/db/queries/notifications';
import { fileGrievance } from '@/server/grievances/file-grievance';
import { openNotification } from '@/server/notifications/open-notification';
import { markAllRead } from '@/server/notifications/mark-all-read';
import { AppError } from '@/lib/errors';
import type { Notifier, OutgoingMessage } from '@/lib/notify';

const t = useTestDatabase();

class FakeNotifier implements Notifier {
  readonly channel = 'sms';
  delivered: OutgoingMessage[] = [];
  calls = 0;
  constructor(private readonly opts: { delayMs?: number; fail?: boolean; onDeliver?: () => void } = {}) {}
  async deliver(m: OutgoingMessage): Promise<void> {
    this.calls++;
    this.opts.onDeliver?.();
    if (this.opts.delayMs) await new Promise((r) => setTimeout(r, this.opts.delayMs));
    if (this.opts.fail) throw new Error('gateway down');
    this.delivered.push(m);
  }
}

async function outboxRows() {
  return t.db.select().from(notificationOutbox).orderBy(notificationOutbox.id);
}

beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE notification_outbox, notifications`);
});

describe('notification outbox', () => {
  it('writes one inbox row and one outbox row per notification, and only when the transaction commits', async () => {
    const h = await makeHousehold(t.db);
    await t.db.transaction(async (tx) => {
      await enqueueNotification({ db: tx, n: { userId: h.user.id, kind: 'application.submitted', params: { reference: 'ZZ-2026-000001', programme: 'warm_winter' }, link: '/resident/applications/x' } });
    });
    await t.db
      .transaction(async (tx) => {
        await enqueueNotification({ db: tx, n: { userId: h.user.id, kind: 'application.returned', params: { reference: 'ZZ-2026-000002' } } });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const inbox = await listNotifications({ db: t.db, userId: h.user.id });
    expect(inbox.map((n) => n.kind)).toEqual(['application.submitted']);
    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ notificationId: inbox[0]!.id, status: 'pending', attempts: 0 });
  });

  it('delivers each row exactly once, even when two drains run at once', async () => {
    const h = await makeHousehold(t.db);
    for (let i = 0; i < 6; i++) {
      await t.db.transaction((tx) => enqueueNotification({ db: tx, n: { userId: h.user.id, kind: 'grievance.responded', params: { reference: `SQ-2026-00000${i}`, category: 'heating' } } }));
    }
    const notifier = new FakeNotifier({ delayMs: 20 });
    const [a, b] = await Promise.all([drainOutbox({ db: t.db, notifier }), drainOutbox({ db: t.db, notifier })]);
    expect(a + b).toBe(6);
    expect(notifier.delivered).toHaveLength(6);
    expect(new Set(notifier.delivered.map((m) => m.outboxId)).size).toBe(6);
    const rows = await outboxRows();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt !== null)).toBe(true);
    // Nothing left: a third drain delivers nothing.
    expect(await drainOutbox({ db: t.db, notifier })).toBe(0);
    expect(notifier.delivered).toHaveLength(6);
  });

  it('does not deliver a row again when a second drain starts while the first is still sending it', async () => {
    const h = await makeHousehold(t.db);
    await t.db.transaction((tx) => enqueueNotification({ db: tx, n: { userId: h.user.id, kind: 'grievance.resolved', params: { reference: 'SQ-2026-000009', category: 'heating' } } }));
    let entered!: () => void;
    const inDelivery = new Promise<void>((r) => (entered = r));
    const notifier = new FakeNotifier({ delayMs: 300, onDeliver: () => entered() });
    const first = drainOutbox({ db: t.db, notifier });
    await inDelivery;
    const second = await drainOutbox({ db: t.db, notifier });
    expect(second).toBe(0);
    expect(await first).toBe(1);
    expect(notifier.calls).toBe(1);
  });

  it(`retries a failing delivery up to ${MAX_ATTEMPTS} times, then marks it failed and stops`, async () => {
    const h = await makeHousehold(t.db);
    await t.db.transaction((tx) => enqueueNotification({ db: tx, n: { userId: h.user.id, kind: 'grievance.open', params: { reference: 'SQ-2026-000010', category: 'garbage' } } }));
    const failing = new FakeNotifier({ fail: true });
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      expect(await drainOutbox({ db: t.db, notifier: failing })).toBe(0);
      const [row] = await outboxRows();
      expect(row).toMatchObject({ attempts: i, status: i < MAX_ATTEMPTS ? 'pending' : 'failed', lastError: 'gateway down' });
    }
    expect(failing.calls).toBe(MAX_ATTEMPTS);
    // Failed rows are not tried again, by a failing or a working notifier.
    const working = new FakeNotifier();
    expect(await drainOutbox({ db: t.db, notifier: working })).toBe(0);
    expect(working.calls).toBe(0);
  });

  it('tries each pending row once per drain, so one failing row does not hold up the others', async () => {
    const h = await makeHousehold(t.db);
    for (let i = 0; i < 3; i++) await t.db.transaction((tx) => enqueueNotification({ db: tx, n: { userId: h.user.id, kind: 'grievance.open', params: { reference: `SQ-2026-00002${i}`, category: 'other' } } }));
    let n = 0;
    const flaky: Notifier = {
      channel: 'sms',
      async deliver() {
        if (n++ === 0) throw new Error('timeout');
      },
    };
    expect(await drainOutbox({ db: t.db, notifier: flaky })).toBe(2);
    const rows = await outboxRows();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    // The next drain delivers the one that failed.
    expect(await drainOutbox({ db: t.db, notifier: flaky })).toBe(1);
    expect((await outboxRows())[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('passes nothing personal to the notifier: no phone number, ID number or name', async () => {
    const h = await makeHousehold(t.db);
    // A real change: filing a grievance notifies the resident.
    await fileGrievance({ db: t.db, actor: { id: h.user.id, role: 'resident', placePaths: [] }, placeId: h.place.id, category: 'heating', description: '暖气片不热，室温只有12度。', ip: null });
    const notifier = new FakeNotifier();
    expect(await drainOutbox({ db: t.db, notifier })).toBe(1);
    const sent = JSON.stringify(notifier.delivered);
    expect(notifier.delivered[0]).toMatchObject({ userId: h.user.id, kind: 'grievance.open' });
    // The grievance's category, its reference and the days the officer has to answer (1e6f8cc): nothing about the person.
    expect(Object.keys(notifier.delivered[0]!.params).sort()).toEqual(['category', 'days', 'reference']);
    expect(typeof notifier.delivered[0]!.params.days).toBe('number');
    expect(sent).not.toContain(h.phone);
    expect(sent).not.toContain(h.idNumber);
    expect(sent).not.toContain(h.user.realName);
    expect(sent).not.toContain('暖气片');
  });
});

describe('inbox', () => {
  it('lists a person’s notifications newest first and marks only their own rows read', async () => {
    const a = await makeHousehold(t.db);
    const b = await makeHousehold(t.db);
    for (const [user, kind] of [
      [a, 'application.submitted'],
      [a, 'application.returned'],
      [b, 'application.approved'],
    ] as const) {
      await t.db.transaction((tx) => enqueueNotification({ db: tx, n: { userId: user.user.id, kind, params: { reference: 'ZZ-1' } } }));
    }
    const mine = await listNotifications({ db: t.db, userId: a.user.id });
    expect(mine.map((n) => n.kind)).toEqual(['application.returned', 'application.submitted']);
    const theirs = await listNotifications({ db: t.db, userId: b.user.id });

    // Someone else's notification: not found, and marking it read changes nothing.
    expect(await findOwnNotification({ db: t.db, userId: a.user.id, id: theirs[0]!.id })).toBeNull();
    expect(await markNotificationsRead({ db: t.db, userId: a.user.id, ids: [theirs[0]!.id] })).toBe(0);
    const [still] = await t.db.select().from(notifications).where(eq(notifications.id, theirs[0]!.id));
    expect(still!.readAt).toBeNull();

    expect(await markNotificationsRead({ db: t.db, userId: a.user.id, ids: [mine[0]!.id] })).toBe(1);
    expect(await markNotificationsRead({ db: t.db, userId: a.user.id, ids: 'all' })).toBe(1);
    expect((await listNotifications({ db: t.db, userId: a.user.id })).every((n) => n.readAt)).toBe(true);
    expect((await listNotifications({ db: t.db, userId: b.user.id })).every((n) => !n.readAt)).toBe(true);
  });

  it('opening one marks it read and leads to its page, only a path inside the site, only the person’s own', async () => {
    const a = await makeHousehold(t.db);
    const b = await makeHousehold(t.db);
    const actor = (h: typeof a) => ({ id: h.user.id, role: 'resident' as const, placePaths: [] as string[] });
    await t.db.transaction(async (tx) => {
      await enqueueNotification({ db: tx, n: { userId: a.user.id, kind: 'application.returned', link: '/resident/applications/x' } });
      await enqueueNotification({ db: tx, n: { userId: a.user.id, kind: 'application.approved', link: '//evil.example/' } });
      await enqueueNotification({ db: tx, n: { userId: b.user.id, kind: 'application.approved', link: '/resident' } });
    });
    const listed = await listNotifications({ db: t.db, userId: a.user.id });
    const own = listed.find((n) => n.kind === 'application.returned');
    const hostile = listed.find((n) => n.kind === 'application.approved');
    const [theirs] = await listNotifications({ db: t.db, userId: b.user.id });

    const refused = await openNotification({ db: t.db, actor: actor(a), notificationId: theirs!.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as InstanceType<typeof AppError>).code).toBe('not_found:notification');
    expect((await findOwnNotification({ db: t.db, userId: b.user.id, id: theirs!.id }))!.readAt).toBeNull();

    expect(await openNotification({ db: t.db, actor: actor(a), notificationId: own!.id })).toEqual({ link: '/resident/applications/x' });
    expect(await openNotification({ db: t.db, actor: actor(a), notificationId: hostile!.id })).toEqual({ link: null });
    expect((await listNotifications({ db: t.db, userId: a.user.id })).every((n) => n.readAt)).toBe(true);
    // Opening again keeps the first moment it was read.
    const before = (await findOwnNotification({ db: t.db, userId: a.user.id, id: own!.id }))!.readAt!;
    await openNotification({ db: t.db, actor: actor(a), notificationId: own!.id });
    expect((await findOwnNotification({ db: t.db, userId: a.user.id, id: own!.id }))!.readAt!.getTime()).toBe(before.getTime());

    expect(await markAllRead({ db: t.db, actor: actor(b) })).toEqual({ count: 1 });
    expect(await markAllRead({ db: t.db, actor: actor(b) })).toEqual({ count: 0 });
  });
});


describe('drainSoon after many actions at once', () => {
  it('runs one delivery loop at a time, goes round again for rows queued meanwhile, and delivers each row once', async () => {
    const { drainIdle, drainSoon } = await import('@/db/queries/notifications');
    const { getNotifier, setNotifier } = await import('@/lib/notify');
    const h = await makeHousehold(t.db);
    const before = getNotifier();
    const delivered: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slow: Notifier = {
      channel: before.channel,
      async deliver(m: OutgoingMessage) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 15));
        delivered.push(m.outboxId);
        inFlight -= 1;
      },
    };
    setNotifier(slow);
    try {
      const queue = () => enqueueNotification({ db: t.db, n: { userId: h.user.id, kind: 'application.submitted', params: { reference: 'ZZ-2026-000009', programme: 'warm_winter' } } });
      for (let i = 0; i < 4; i++) await queue();
      // Ten actions finish at once; two more rows arrive while the loop runs.
      for (let i = 0; i < 10; i++) drainSoon(t.db);
      await queue();
      drainSoon(t.db);
      await queue();
      drainSoon(t.db);
      const mine = async () => (await t.db.select({ id: notificationOutbox.id, status: notificationOutbox.status }).from(notificationOutbox).innerJoin(notifications, eq(notificationOutbox.notificationId, notifications.id)).where(eq(notifications.userId, h.user.id)));
      await expect.poll(async () => (await mine()).filter((r) => r.status === 'sent').length, { timeout: 15_000 }).toBe(6);
      const ids = (await mine()).map((r) => r.id).sort((a, b) => a - b);
      // Each of this test's rows exactly once (rows other tests left pending may go out too).
      expect(delivered.filter((id) => ids.includes(id)).sort((a, b) => a - b)).toEqual(ids);
      expect(maxInFlight).toBe(1);
    } finally {
      // The loop's last look for rows left pending runs after the deliveries: let it finish before the pool closes.
      await drainIdle(t.db);
      setNotifier(before);
    }
  });
});
