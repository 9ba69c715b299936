// The days a grievance's notices and confirmations name are its real limits, on a real
// PostgreSQL: an official sets heating to 5 days to answer, a resident files a heating
// problem, and both the resident's notice and the place's cadre's notice say 5, in both
// languages, as the inboxes word them; the grievance keeps reading 5 from its own deadlines
// after the official changes the limit again, and a reopening under the new limit says the new
// number. A notice stored before the days were stored says the default limit.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import * as s from '@/db/schema';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { grievanceForViewer } from '@/db/queries/grievances';
import { fileGrievance } from '@/server/grievances/file-grievance';
import { transitionGrievance } from '@/server/grievances/transition-grievance';
import { updateGrievanceLimit } from '@/server/programmes/update-grievance-limit';
import { DEFAULT_GRIEVANCE_LIMITS, limitsOfDeadlines, limitsStartedAt } from '@/lib/grievances';
import { intlLocale } from '@/lib/i18n/locale';
import { loose } from '@/lib/i18n/loose';
import { noticeValues } from '@/lib/i18n/notification-values';
import { setNotifier } from '@/lib/notify';
import type { Actor } from '@/lib/permissions';

const t = useTestDatabase();
setNotifier({ channel: 'sms', deliver: async () => undefined });

let village: s.Place;
let official: Actor;
let cadre: Actor;
let resident: MadeHousehold;

async function place(level: s.Place['level'], name: string, parent: s.Place | null) {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', at: s.Place): Promise<Actor> {
  const h = await makeHousehold(t.db, { role });
  await t.db.insert(s.userPlaces).values({ userId: h.user.id, placeId: at.id });
  return { id: h.user.id, role, placePaths: [at.path] };
}

async function setLimit(category: s.GrievanceLimit['category'], respondDays: number, resolveDays: number) {
  const [row] = await t.db.select().from(s.grievanceLimits).where(eq(s.grievanceLimits.category, category));
  expect(await updateGrievanceLimit({ db: t.db, actor: official, category, expectedVersion: row!.version, respondDays, resolveDays, ip: null })).toMatchObject({ status: 'ok' });
}

async function noticesOf(userId: string, kind: string) {
  return t.db.select().from(s.notifications).where(and(eq(s.notifications.userId, userId), eq(s.notifications.kind, kind))).orderBy(s.notifications.createdAt);
}

/** The sentence an inbox shows for a stored notice, with every formatting problem recorded. */
function worded(locale: 'zh-CN' | 'en', n: { kind: string; params: unknown }) {
  const errors: string[] = [];
  const tr = loose(createTranslator({ locale: intlLocale(locale), messages: locale === 'en' ? en : zh, onError: (e) => errors.push(e.message), getMessageFallback: ({ key }) => `<<${key}>>` }));
  const key = n.kind.startsWith('staff.') ? `cadreInbox.kinds.${n.kind.slice('staff.'.length)}` : `notifications.kinds.${n.kind}`;
  const text = tr(key, noticeValues(tr, n.kind, n.params));
  expect(errors, text).toEqual([]);
  return text;
}

beforeAll(async () => {
  const county = await place('county', '示范县', null);
  const township = await place('township', '永济镇', county);
  village = await place('village', '东关村', township);
  official = await staff('official', county);
  cadre = await staff('cadre', village);
  resident = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: village.id }).where(eq(s.households.id, resident.household.id));
});

describe('grievance notices name the limits the grievance was given', () => {
  it('heating set to 5 days to answer: the resident and the cadre are told 5, and the grievance keeps 5 after the limit changes', async () => {
    await setLimit('heating', 5, 20);
    const filedAt = new Date('2026-12-02T09:00:00+08:00');
    const asResident: Actor = { id: resident.user.id, role: 'resident', placePaths: [] };
    const g = await fileGrievance({ db: t.db, actor: asResident, placeId: village.id, category: 'heating', description: '暖气片一直不热，屋里只有十二度。', ip: null, now: filedAt });

    const [mine] = await noticesOf(resident.user.id, 'grievance.open');
    expect(mine!.params).toMatchObject({ reference: g.reference, category: 'heating', days: 5 });
    expect(worded('zh-CN', mine!)).toContain('干部会在5天内答复');
    expect(worded('en', mine!)).toContain('will answer within 5 days');

    const [staffNotice] = await noticesOf(cadre.id, 'staff.grievanceFiled');
    expect(staffNotice!.params).toMatchObject({ reference: g.reference, days: 5 });
    expect(worded('zh-CN', staffNotice!)).toContain('请在5天内答复');
    expect(worded('en', staffNotice!)).toContain('Please answer within 5 days');

    // Another category keeps the default and says so.
    const other = await fileGrievance({ db: t.db, actor: asResident, placeId: village.id, category: 'garbage', description: '楼下的垃圾三天没有人清运了。', ip: null, now: filedAt });
    const [garbage] = (await noticesOf(resident.user.id, 'grievance.open')).filter((n) => (n.params as { reference?: string }).reference === other.reference);
    expect(garbage!.params).toMatchObject({ days: DEFAULT_GRIEVANCE_LIMITS.respondDays });

    // The official shortens heating afterwards: the grievance filed under 5 days still reads 5 from its own deadlines.
    await setLimit('heating', 2, 10);
    const row = await grievanceForViewer({ db: t.db, viewer: asResident, grievanceId: g.id });
    expect(limitsOfDeadlines(row!.g, limitsStartedAt(row!.g.createdAt, row!.events))).toEqual({ respondDays: 5, resolveDays: 20 });

    // Answered, solved, rated and reopened under the new limit: the reopening says 2, and the grievance now reads 2 and 10.
    let version = row!.g.version;
    const step = async (actor: Actor, action: 'respond' | 'resolve' | 'close' | 'reopen', at: string, extra: { note?: string; rating?: number } = {}) => {
      const r = await transitionGrievance({ db: t.db, actor, grievanceId: g.id, action, expectedVersion: version, note: extra.note ?? null, rating: extra.rating ?? null, ip: null, now: new Date(at) });
      version = r.version;
    };
    await step(cadre, 'respond', '2026-12-03T10:00:00+08:00', { note: '已联系供热公司，明天上门。' });
    await step(cadre, 'resolve', '2026-12-04T16:00:00+08:00', { note: '已更换阀门，室温20度。' });
    await step(asResident, 'close', '2026-12-05T09:00:00+08:00', { rating: 3 });
    await step(asResident, 'reopen', '2026-12-06T20:00:00+08:00', { note: '第二天又不热了。' });

    const [reopened] = await noticesOf(resident.user.id, 'grievance.reopened');
    expect(reopened!.params).toMatchObject({ reference: g.reference, days: 2 });
    expect(worded('zh-CN', reopened!)).toContain('干部会在2天内答复');
    expect(worded('en', reopened!)).toContain('will answer within 2 days');
    const after = await grievanceForViewer({ db: t.db, viewer: asResident, grievanceId: g.id });
    expect(limitsOfDeadlines(after!.g, limitsStartedAt(after!.g.createdAt, after!.events))).toEqual({ respondDays: 2, resolveDays: 10 });
  });

  it('a notice stored before the days were stored is worded with the default limit', async () => {
    const [old] = await t.db
      .insert(s.notifications)
      .values({ userId: resident.user.id, kind: 'grievance.open', params: { reference: 'SQ-2025-000001', category: 'heating' } })
      .returning();
    expect(worded('zh-CN', old!)).toContain(`${DEFAULT_GRIEVANCE_LIMITS.respondDays}天内答复`);
    expect(worded('en', old!)).toContain(`within ${DEFAULT_GRIEVANCE_LIMITS.respondDays} days`);
  });
});
