// Demo data: the place tree of the source report, a few hundred synthetic households with
// varied damage, the six programmes, applications in every state with their timelines,
// visits, grievances, stock at two distribution points, budgets and the demo accounts.
// Deterministic (fixed random seed) so tests can rely on its shape. Synthetic people only:
// generated names, phone numbers and ID numbers that pass the check digit but are no one's.
import { hash as argonHash } from '@node-rs/argon2';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import * as s from '../schema';
import { enrolEligibleHouseholds } from '../queries/enrolment';
import { recordPaid } from '../queries/budgets';
import { getNotifier } from '../../lib/notify';
import { PLACE_TREE, type SeedPlace } from './places';
import { createRng, fakeChineseName, fakeIdNumber, fakeMobile } from '../../lib/pii';
import { sealPii, lookupHash } from '../../lib/protect';
import { PROGRAMMES, evaluate } from '../../lib/programs';
import type { ApplicationStatus, HouseholdFacts, ProgrammeCode, SafetyGrade, FactKey } from '../../lib/domain';
import { GRIEVANCE_CATEGORIES } from '../../lib/domain';
import { ARGON_OPTIONS } from '../../lib/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccount } from '../../lib/demo-accounts';
import { SAMPLE_GRIEVANCE_TEXT } from './sample-text';

export const PROGRAMME_NAMES: Record<ProgrammeCode, { zh: string; en: string }> = {
  heating_fee_waiver: { zh: '取暖费减免', en: 'Heating fee waiver' },
  // No number of years in the name: officials change the years (programme settings), the name stays true.
  property_fee_waiver: { zh: '物业费减免', en: 'Property fee waiver' },
  appliance_repair: { zh: '壁挂炉/空气能热泵免费检修', en: 'Free boiler and heat-pump repair' },
  appliance_subsidy: { zh: '新购壁挂炉/热泵补贴', en: 'Subsidy for a new boiler or heat pump' },
  warm_winter: { zh: '温暖过冬费', en: 'Warm-winter payment' },
  building_materials: { zh: '建材补助（建材大集）', en: 'Free building materials' },
};

const DAY = 86_400_000;

type Rng = () => number;
const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

/**
 * What a database holds before demo data may go in: nothing at all ('empty'), the demo
 * itself ('demo': its official's account is there), or anything else ('other'). Demo data is
 * only ever written into an empty database, never beside a county's real records.
 */
export async function databaseContents(db: DbOrTx): Promise<'empty' | 'demo' | 'other'> {
  const official = demoAccount('official');
  const [demoOfficial] = await db.select({ n: count() }).from(s.users).where(eq(s.users.phoneHash, lookupHash(official.phone)));
  if ((demoOfficial?.n ?? 0) > 0) return 'demo';
  // Programmes are left out: reference data may come with the migrations.
  const tables = [s.users, s.places, s.households, s.applications];
  for (const table of tables) {
    const [row] = await db.select({ n: count() }).from(table);
    if ((row?.n ?? 0) > 0) return 'other';
  }
  return 'empty';
}

export type SeedOutcome = { seeded: true } | { seeded: false; reason: 'already_demo' | 'holds_other_data' };

async function insertPlaces(tx: DbOrTx) {
  const byName = new Map<string, { id: number; path: string; kind?: 'urban' | 'rural'; level: string; parentId: number | null }>();
  const levels = ['county', 'township', 'village', 'compound'] as const;
  async function walk(node: SeedPlace, depth: number, parent: { id: number; path: string } | null) {
    const [row] = await tx
      .insert(s.places)
      .values({ parentId: parent?.id ?? null, level: levels[depth]!, name: node.name, nameEn: node.nameEn, code: node.code ?? null, path: 'pending' })
      .returning({ id: s.places.id });
    const id = row!.id;
    const path = `${parent?.path ?? '/'}${id}/`;
    await tx.update(s.places).set({ path }).where(sql`${s.places.id} = ${id}`);
    byName.set(node.name, { id, path, kind: node.kind, level: levels[depth]!, parentId: parent?.id ?? null });
    for (const child of node.children ?? []) await walk(child, depth + 1, { id, path });
  }
  await walk(PLACE_TREE, 0, null);
  return byName;
}

interface SeedHousehold {
  id: string;
  placeId: number;
  placeName: string;
  township: string;
  kind: 'urban' | 'rural';
  declared: HouseholdFacts;
  verified: HouseholdFacts;
  verifiedAny: boolean;
}

export async function seedDemo(db: Db, options: { households?: number; now?: Date } = {}): Promise<SeedOutcome> {
  const contents = await databaseContents(db);
  if (contents !== 'empty') return { seeded: false, reason: contents === 'demo' ? 'already_demo' : 'holds_other_data' };
  const rng = createRng(20231121);
  const now = options.now ?? new Date();
  const totalHouseholds = options.households ?? 320;
  const passwordHash = await argonHash(DEMO_PASSWORD, ARGON_OPTIONS);

  await db.transaction(async (tx) => {
    const places = await insertPlaces(tx);
    const county = places.get('涿州市')!;

    // ---- programmes, budgets, stock ----
    await tx.insert(s.programmes).values(
      Object.values(PROGRAMMES).map((p) => ({
        code: p.code,
        nameZh: PROGRAMME_NAMES[p.code].zh,
        nameEn: PROGRAMME_NAMES[p.code].en,
        params: p.defaultParams as unknown,
        needsApplication: p.needsApplication,
        noticeDays: p.noticeDays,
      })),
    );
    const budgetTotals: Partial<Record<ProgrammeCode, number>> = { appliance_subsidy: 3_000_000, warm_winter: 2_000_000 };
    const budgetSpent: Partial<Record<ProgrammeCode, number>> = {};
    /** Each seeded cash approval, committed on the ledger against its own case (as transitionApplication does), so a withdrawal gives back exactly that. */
    const cashCommits: { reference: string; code: ProgrammeCode; amountYuan: number; at: Date }[] = [];
    /** Cash of the seeded cases already paid, per programme: the budget line records it paid, as a payment batch's answer does. */
    const cashPaid: { reference: string; code: ProgrammeCode; amountYuan: number; at: Date }[] = [];

    const points = await tx
      .insert(s.stockPoints)
      .values([
        { name: '刁窝镇建材大集', nameEn: 'Diaowo building-materials fair', placeId: places.get('刁窝镇')!.id, address: '刁窝镇政府西侧广场' },
        { name: '东城坊镇建材大集', nameEn: 'Dongchengfang building-materials fair', placeId: places.get('东城坊镇')!.id, address: '东城坊镇文化广场' },
      ])
      .returning();
    // The companies that receive the fee-waiver lists (issue 10 item 7): one heating company for
    // the whole county, a property company for 天桥街社区's compounds and one for 华阳小区;
    // 桃园街道's compounds have none yet, which /county/waivers shows as places no company serves.
    const [heatCo, tianqiaoCo, huayangCo] = await tx
      .insert(s.serviceCompanies)
      .values([
        { kind: 'heating', name: '涿州市华燃热力有限公司', nameEn: 'Zhuozhou Huaran Heating Co., Ltd.', contact: '0312-3921100' },
        { kind: 'property', name: '涿州市永济物业服务有限公司', nameEn: 'Zhuozhou Yongji Property Services Co., Ltd.', contact: '0312-3657788' },
        { kind: 'property', name: '涿州市华阳物业管理有限公司', nameEn: 'Zhuozhou Huayang Property Management Co., Ltd.', contact: '0312-3612345' },
      ])
      .returning({ id: s.serviceCompanies.id });
    await tx.insert(s.placeCompanies).values([
      { placeId: county.id, kind: 'heating', companyId: heatCo!.id },
      { placeId: places.get('天桥街社区')!.id, kind: 'property', companyId: tianqiaoCo!.id },
      { placeId: places.get('华阳小区')!.id, kind: 'property', companyId: huayangCo!.id },
    ]);
    const stock = new Map<string, { onHand: number; available: number }>();
    const movements: (typeof s.stockMovements.$inferInsert)[] = [];
    for (const p of points) {
      for (const [material, tonnes] of [['rebar', 200], ['sand', 2000]] as const) {
        stock.set(`${p.id}:${material}`, { onHand: tonnes * 1000, available: tonnes * 1000 });
        movements.push({ pointId: p.id, material, kind: 'receive', availableDeltaKg: tonnes * 1000, onHandDeltaKg: tonnes * 1000, at: new Date(now.getTime() - 50 * DAY) });
      }
    }

    // ---- staff and demo accounts ----
    const userIds = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      const [u] = await tx
        .insert(s.users)
        .values({ role: a.role, realName: a.name, phoneHash: lookupHash(a.phone), phoneEnc: sealPii(a.phone), passwordHash })
        .returning({ id: s.users.id });
      userIds.set(a.key, u!.id);
      if (a.role !== 'resident') await tx.insert(s.userPlaces).values({ userId: u!.id, placeId: places.get(a.place)!.id });
    }
    const cadreFor = (township: string) => (township === '刁窝镇' ? userIds.get('cadre')! : township === '双塔街道' ? userIds.get('cadre2')! : userIds.get('cadre')!);
    const officialId = userIds.get('official')!;

    // ---- households ----
    const leafPlaces = [...places.entries()].filter(([, p]) => p.kind && (p.level === 'compound' || (p.level === 'village' && p.kind === 'rural')));
    const placeById = new Map([...places.values()].map((p) => [p.id, p]));
    const townshipOf = (placeId: number): string => {
      const path = placeById.get(placeId)!.path;
      for (const [name, p] of places) if (p.level === 'township' && path.startsWith(p.path)) return name;
      return '涿州市';
    };
    const households: SeedHousehold[] = [];
    const factRows: (typeof s.householdFacts.$inferInsert)[] = [];
    const memberRows: (typeof s.householdMembers.$inferInsert)[] = [];

    for (let i = 0; i < totalHouseholds; i++) {
      let ownerKey: 'resident' | 'resident2' | null = null;
      let placeName: string;
      if (i === 0) {
        ownerKey = 'resident';
        placeName = '永济秀园小区';
      } else if (i === 1) {
        ownerKey = 'resident2';
        placeName = '万全庄村';
      } else placeName = pick(rng, leafPlaces)[0];
      const place = places.get(placeName)!;
      const kind = place.kind!;
      const headName = ownerKey ? demoAccount(ownerKey).name : fakeChineseName(rng);
      const idNumber = fakeIdNumber(rng, { regionCode: '130681', minYear: 1940, maxYear: 1995 });
      const phone = ownerKey ? demoAccount(ownerKey).phone : fakeMobile(rng);
      const floor = kind === 'urban' ? (i === 0 ? 1 : 1 + Math.floor(rng() * 6)) : null;

      // The damage the household declares, and what a cadre has verified so far.
      const declared: HouseholdFacts = { kind, affected: i < 2 ? true : chance(rng, 0.85) };
      if (kind === 'urban') declared.groundFloorFlooded = floor === 1 && declared.affected === true;
      if (kind === 'rural') {
        const r = rng();
        declared.safetyGrade = (r < 0.3 ? 'D' : r < 0.6 ? 'C' : r < 0.8 ? 'B' : 'A') as SafetyGrade;
        if (i === 1) declared.safetyGrade = 'C';
      }
      declared.damagedBoilers = i === 0 ? 1 : chance(rng, 0.35) ? 1 : 0;
      declared.damagedHeatPumps = kind === 'rural' && chance(rng, 0.25) ? 1 : 0;
      declared.repairImpossible = (declared.damagedBoilers ?? 0) + (declared.damagedHeatPumps ?? 0) > 0 ? chance(rng, 0.4) : false;

      // Demo resident's own facts stay "awaiting verification" so the journey shows both states.
      const verifiedAny = i >= 2 && chance(rng, 0.75);
      const verified: HouseholdFacts = { kind };
      if (verifiedAny) {
        Object.assign(verified, declared);
        // Occasionally the visit finds less than declared: the rule then fails on evidence.
        if (kind === 'rural' && declared.safetyGrade === 'C' && chance(rng, 0.15)) verified.safetyGrade = 'B';
      }

      const [hh] = await tx
        .insert(s.households)
        .values({
          ownerUserId: ownerKey ? userIds.get(ownerKey)! : null,
          headName,
          headIdNumberHash: lookupHash(idNumber),
          headIdNumberEnc: sealPii(idNumber),
          headPhoneEnc: sealPii(phone),
          headPhoneHash: lookupHash(phone),
          placeId: place.id,
          kind,
          // A flat's address is its building, unit and floor (below), written per language; the draw stays so the rest of the demo data does not change.
          addressDetail: kind === 'urban' ? (rng(), '') : `${1 + Math.floor(rng() * 300)}号`,
          building: kind === 'urban' ? String(1 + Math.floor(rng() * 20)) : null,
          unitNo: kind === 'urban' ? String(1 + Math.floor(rng() * 4)) : null,
          floor,
          createdBy: ownerKey ? userIds.get(ownerKey)! : cadreFor(townshipOf(place.id)),
        })
        .returning({ id: s.households.id });
      const township = townshipOf(place.id);
      households.push({ id: hh!.id, placeId: place.id, placeName, township, kind, declared, verified, verifiedAny });

      const declaredAt = new Date(now.getTime() - (60 - Math.floor(rng() * 10)) * DAY);
      const verifiedAt = new Date(declaredAt.getTime() + (2 + Math.floor(rng() * 8)) * DAY);
      for (const key of ['groundFloorFlooded', 'safetyGrade', 'damagedBoilers', 'damagedHeatPumps', 'affected', 'repairImpossible'] as FactKey[]) {
        const dv = declared[key];
        if (dv === undefined) continue;
        const vv = verified[key];
        factRows.push({
          householdId: hh!.id,
          key,
          declaredValue: dv as unknown,
          declaredAt,
          declaredBy: ownerKey ? userIds.get(ownerKey)! : null,
          verifiedValue: verifiedAny && vv !== undefined ? (vv as unknown) : null,
          verifiedAt: verifiedAny ? verifiedAt : null,
          verifiedBy: verifiedAny ? cadreFor(township) : null,
          verifyMethod: verifiedAny ? (key === 'safetyGrade' ? 'appraisal' : 'visit') : null,
        });
      }
      const members = 1 + Math.floor(rng() * 3);
      for (let m = 0; m < members; m++) {
        const name = fakeChineseName(rng);
        const member = relative(Number(idNumber.slice(6, 10)), pick(rng, ['配偶', '子女', '父母', '孙辈'] as const), rng(), now.getUTCFullYear());
        memberRows.push({ householdId: hh!.id, name, ...member });
      }
    }
    for (let i = 0; i < factRows.length; i += 500) await tx.insert(s.householdFacts).values(factRows.slice(i, i + 500));
    for (let i = 0; i < memberRows.length; i += 500) await tx.insert(s.householdMembers).values(memberRows.slice(i, i + 500));

    // ---- applications in every state, with timelines ----
    const targetCycle: ApplicationStatus[] = ['submitted', 'recommended', 'approved', 'fulfilled', 'returned', 'in_public_notice', 'rejected', 'appealed', 'withdrawn', 'draft', 'approved', 'submitted', 'fulfilled'];
    let cycle = 0;
    let refNo = 1001;
    const appRows: (typeof s.applications.$inferInsert)[] = [];
    const eventRows: (typeof s.applicationEvents.$inferInsert & { applicationRef: string })[] = [];
    const notifRows: (typeof s.notifications.$inferInsert)[] = [];

    const year = now.getFullYear();
    const paidWarmWinter = new Map<string, string>();
    for (const h of households.slice(2)) {
      for (const code of Object.keys(PROGRAMMES) as ProgrammeCode[]) {
        const def = PROGRAMMES[code];
        // The seed stores every programme with its default params (above), so it decides with them.
        const onDeclared = evaluate(code, h.declared, def.defaultParams);
        if (!onDeclared.eligible) continue;
        const onVerified = evaluate(code, h.verified, def.defaultParams);
        if (!def.needsApplication) {
          if (!onVerified.eligible) continue;
          // Warm-winter payment (免申即享): enrolled below by the official's run, the same path as
          // /county/enrolment; about 60% were paid a week later. The draw stays here so the rest of
          // the demo data does not change.
          if (chance(rng, 0.6)) paidWarmWinter.set(h.id, h.township);
          continue;
        }
        if (!chance(rng, 0.55)) continue;
        let target = targetCycle[cycle++ % targetCycle.length]!;
        // A case can only be recommended/approved when the rule passes on verified facts.
        const passes = onVerified.eligible;
        if (!passes && !['draft', 'submitted', 'returned', 'withdrawn', 'rejected', 'appealed'].includes(target)) target = 'submitted';
        // A cadre rejects only where the rule fails on verified facts: while a fact it needs is unverified, the case waits for the visit.
        if (!passes && onVerified.unknown && (target === 'rejected' || target === 'appealed')) target = 'submitted';
        // Programmes with a notice period go on notice the moment they are recommended.
        if (target === 'in_public_notice' && def.noticeDays === 0) target = 'recommended';
        else if (target === 'recommended' && def.noticeDays > 0) target = 'in_public_notice';

        const reference = `ZZ-${year}-${String(refNo++).padStart(6, '0')}`;
        const id = crypto.randomUUID();
        // Created 23–40 days ago: the longest chain of steps (three of up to 3 days, a 7-day notice, approval and
        // hand-out of up to 3 days each) then ends at least a day before now, so no decision is dated in the future,
        // and no voucher has passed its 30 days yet (lib/pickup-window.ts).
        let t = new Date(now.getTime() - (40 - Math.floor(rng() * 18)) * DAY);
        const created = new Date(t);
        const cadre = cadreFor(h.township);
        const ev = (action: string, from: ApplicationStatus | null, to: ApplicationStatus, actor: 'resident' | 'cadre' | 'official' | 'system', reason?: string) => {
          t = new Date(t.getTime() + (1 + Math.floor(rng() * 3)) * DAY);
          const actorId = actor === 'cadre' ? cadre : actor === 'official' ? officialId : null;
          eventRows.push({ applicationRef: reference, applicationId: '', actorId, actorRole: actor, action, fromStatus: from, toStatus: to, reason: reason ?? null, at: new Date(t) });
          return new Date(t);
        };
        const row: typeof s.applications.$inferInsert = { id, reference, householdId: h.id, programmeCode: code, status: target, answers: answersFor(code, h.declared), createdAt: created, onBehalf: true, createdBy: cadre };
        let version = 1;
        const step = (...a: Parameters<typeof ev>) => {
          version++;
          return ev(...a);
        };
        if (target !== 'draft') row.submittedAt = step('submit', 'draft', 'submitted', 'cadre');
        if (target === 'returned') {
          row.returnReason = '请补充上传壁挂炉损坏照片或维修单。';
          step('return', 'submitted', 'returned', 'cadre', row.returnReason);
        }
        if (target === 'withdrawn') step('withdraw', 'submitted', 'withdrawn', 'resident');
        const reachesRecommend = ['recommended', 'in_public_notice', 'approved', 'fulfilled'].includes(target) || (passes && ['rejected', 'appealed'].includes(target));
        if (reachesRecommend) {
          step('recommend', 'submitted', 'recommended', 'cadre');
          row.recommendedBy = cadre;
          row.entitlement = onVerified.entitlement as unknown;
        }
        let from: ApplicationStatus = 'recommended';
        if (reachesRecommend && def.noticeDays > 0) {
          const start = step('publish', 'recommended', 'in_public_notice', 'system');
          row.noticeStartsAt = start;
          row.noticeEndsAt = new Date(start.getTime() + def.noticeDays * DAY);
          from = 'in_public_notice';
          // A case still in notice keeps a window that ends in the future.
          if (target === 'in_public_notice') {
            row.noticeStartsAt = new Date(now.getTime() - 2 * DAY);
            row.noticeEndsAt = new Date(now.getTime() + (def.noticeDays - 2) * DAY);
          } else t = new Date(row.noticeEndsAt.getTime());
        }
        if (['approved', 'fulfilled'].includes(target)) {
          row.decidedAt = step('approve', from, 'approved', 'official');
          row.decidedBy = officialId;
          const ent = onVerified.entitlement;
          if (ent?.kind === 'cash') {
            budgetSpent[code] = (budgetSpent[code] ?? 0) + ent.amountYuan;
            cashCommits.push({ reference, code, amountYuan: ent.amountYuan, at: row.decidedAt });
          }
          if (ent?.kind === 'materials') {
            const point = h.township === '东城坊镇' ? points[1]! : points[0]!;
            row.stockPointId = point.id;
            row.pickupCode = pickupCode(rng);
            for (const item of ent.items) {
              const level = stock.get(`${point.id}:${item.material}`)!;
              level.available -= item.tonnes * 1000;
              movements.push({ pointId: point.id, material: item.material, kind: 'reserve', availableDeltaKg: -item.tonnes * 1000, onHandDeltaKg: 0, applicationRef: reference, actorId: officialId, at: row.decidedAt } as typeof s.stockMovements.$inferInsert);
              if (target === 'fulfilled') {
                level.onHand -= item.tonnes * 1000;
                movements.push({ pointId: point.id, material: item.material, kind: 'issue', availableDeltaKg: 0, onHandDeltaKg: -item.tonnes * 1000, applicationRef: reference, actorId: cadre, at: new Date(row.decidedAt.getTime() + 3 * DAY) } as typeof s.stockMovements.$inferInsert);
              }
            }
          }
        }
        if (target === 'fulfilled') {
          // Money is not handed over by a cadre: a cash case is fulfilled when the county marks it paid
          // (mark_paid through a payment batch, server/payments/close-batch.ts), and the line counts it paid.
          const ent = onVerified.entitlement;
          if (ent?.kind === 'cash') {
            row.fulfilledAt = step('mark_paid', 'approved', 'fulfilled', 'official');
            cashPaid.push({ reference, code, amountYuan: ent.amountYuan, at: row.fulfilledAt });
          } else row.fulfilledAt = step('fulfil', 'approved', 'fulfilled', 'cadre');
        }
        if (target === 'rejected' || target === 'appealed') {
          const reason = passes ? '经公示期间核实，该户已在其他渠道领取同类补助。' : '入户核查结果与申报不符，不符合本项条件。';
          row.rejectedAt = passes ? step('decline', from, 'rejected', 'official', reason) : step('reject', 'submitted', 'rejected', 'cadre', reason);
          row.decidedAt = row.rejectedAt;
          if (target === 'appealed') {
            // Appeals in the demo are recent, so the rejection is inside the 15-day window.
            row.rejectedAt = new Date(now.getTime() - 6 * DAY);
            t = new Date(row.rejectedAt);
            step('appeal', 'rejected', 'appealed', 'resident', '我家的房屋确实受损，请再次核查。');
          }
          if (target === 'rejected') {
            row.rejectedAt = new Date(now.getTime() - 5 * DAY);
          }
        }
        row.version = version;
        row.updatedAt = t;
        appRows.push(row);
      }
    }

    // The demo resident: one application awaiting review, so "track" has something to show.
    const demoHh = households[0]!;
    const demoRef = `ZZ-${year}-${String(refNo++).padStart(6, '0')}`;
    const demoSubmitted = new Date(now.getTime() - 3 * DAY);
    appRows.push({ id: crypto.randomUUID(), reference: demoRef, householdId: demoHh.id, programmeCode: 'appliance_repair', status: 'submitted', answers: { boilers: 1, heatPumps: 0 }, createdBy: userIds.get('resident')!, submittedAt: demoSubmitted, createdAt: demoSubmitted, updatedAt: demoSubmitted, version: 2 });
    eventRows.push({ applicationRef: demoRef, applicationId: '', actorId: userIds.get('resident')!, actorRole: 'resident', action: 'submit', fromStatus: 'draft', toStatus: 'submitted', at: demoSubmitted });
    notifRows.push({ userId: userIds.get('resident')!, kind: 'application.submitted', params: { reference: demoRef, programme: 'appliance_repair' }, link: '/resident', createdAt: demoSubmitted });

    // Stock short in one township (issue 10 item 5; e2e/county-stock.spec.ts): 码头镇's own small
    // point holds less rebar than one D-graded house needs, and a 码头村 household's
    // building-materials case has finished its notice, so approving it is refused as out of stock
    // until a delivery arrives (a household reserves at its own township's open point). Drawn
    // from its own generator and given a reference below the sequence's start, so the rest of
    // the demo data does not change.
    {
      const shortRng = createRng(51_005);
      const [point] = await tx.insert(s.stockPoints).values({ name: '码头镇建材发放点', nameEn: 'Matou building-materials point', placeId: places.get('码头镇')!.id, address: '码头镇政府东侧' }).returning({ id: s.stockPoints.id });
      for (const [material, kg] of [['rebar', 500], ['sand', 5_000]] as const) {
        stock.set(`${point!.id}:${material}`, { onHand: kg, available: kg });
        movements.push({ pointId: point!.id, material, kind: 'receive', availableDeltaKg: kg, onHandDeltaKg: kg, note: 'MT-2024-001', at: new Date(now.getTime() - 30 * DAY) });
      }
      const idNumber = fakeIdNumber(shortRng, { regionCode: '130681', minYear: 1945, maxYear: 1975 });
      const cadre = cadreFor('码头镇');
      const [hh] = await tx
        .insert(s.households)
        .values({ headName: fakeChineseName(shortRng), headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId: places.get('码头村')!.id, kind: 'rural', addressDetail: '18号', createdBy: cadre })
        .returning({ id: s.households.id });
      const facts: HouseholdFacts = { kind: 'rural', affected: true, safetyGrade: 'D' };
      const factAt = new Date(now.getTime() - 40 * DAY);
      await tx.insert(s.householdFacts).values(
        (['affected', 'safetyGrade'] as const).map((key) => ({ householdId: hh!.id, key, declaredValue: facts[key] as unknown, declaredAt: factAt, verifiedValue: facts[key] as unknown, verifiedAt: factAt, verifiedBy: cadre, verifyMethod: key === 'safetyGrade' ? ('appraisal' as const) : ('visit' as const) })),
      );
      const reference = `ZZ-${year}-000999`;
      const submitted = new Date(now.getTime() - 30 * DAY);
      const recommended = new Date(now.getTime() - 20 * DAY);
      const noticeStart = new Date(now.getTime() - 19 * DAY);
      const noticeDays = PROGRAMMES.building_materials.noticeDays;
      appRows.push({ id: crypto.randomUUID(), reference, householdId: hh!.id, programmeCode: 'building_materials', status: 'in_public_notice', answers: answersFor('building_materials', facts), entitlement: evaluate('building_materials', facts, PROGRAMMES.building_materials.defaultParams).entitlement as unknown, recommendedBy: cadre, noticeStartsAt: noticeStart, noticeEndsAt: new Date(noticeStart.getTime() + noticeDays * DAY), onBehalf: true, createdBy: cadre, createdAt: submitted, submittedAt: submitted, updatedAt: noticeStart, version: 4 });
      eventRows.push(
        { applicationRef: reference, applicationId: '', actorId: cadre, actorRole: 'cadre', action: 'submit', fromStatus: 'draft', toStatus: 'submitted', at: submitted },
        { applicationRef: reference, applicationId: '', actorId: cadre, actorRole: 'cadre', action: 'recommend', fromStatus: 'submitted', toStatus: 'recommended', at: recommended },
        { applicationRef: reference, applicationId: '', actorId: null, actorRole: 'system', action: 'publish', fromStatus: 'recommended', toStatus: 'in_public_notice', at: noticeStart },
      );
    }
    for (let i = 0; i < appRows.length; i += 300) await tx.insert(s.applications).values(appRows.slice(i, i + 300));
    const idByRef = new Map(appRows.map((a) => [a.reference, a.id!]));
    const evValues = eventRows.map(({ applicationRef, ...e }) => ({ ...e, applicationId: idByRef.get(applicationRef)! }));
    for (let i = 0; i < evValues.length; i += 500) await tx.insert(s.applicationEvents).values(evValues.slice(i, i + 500));
    const auditRows = evValues
      .slice()
      .sort((a, b) => a.at!.getTime() - b.at!.getTime())
      .map((e) => ({ at: e.at, actorId: e.actorId ?? null, actorRole: e.actorRole, action: `application.${e.action}`, entity: 'application', entityId: e.applicationId, success: true, details: { from: e.fromStatus, to: e.toStatus, seed: true } }));
    for (let i = 0; i < auditRows.length; i += 500) await tx.insert(s.auditEvents).values(auditRows.slice(i, i + 500));

    const mvValues = movements.map((m) => {
      const { applicationRef, ...rest } = m as typeof m & { applicationRef?: string };
      return { ...rest, applicationId: applicationRef ? idByRef.get(applicationRef)! : null };
    });
    await tx.insert(s.stockMovements).values(mvValues);
    // One work order per repaired unit, as approval makes them (server/applications/transition-application.ts); done once delivered.
    const orderRows = appRows.flatMap((a) => {
      const ent = a.entitlement as { kind?: string; units?: { boilers?: number; heatPumps?: number } } | null | undefined;
      if (a.programmeCode !== 'appliance_repair' || (a.status !== 'approved' && a.status !== 'fulfilled') || ent?.kind !== 'repair') return [];
      const done = a.status === 'fulfilled';
      const unit = (appliance: 'boiler' | 'heatPump', unitNo: number) => ({ applicationId: a.id!, appliance, unitNo, status: done ? ('done' as const) : ('open' as const), closedAt: done ? a.fulfilledAt! : null });
      return [...Array.from({ length: ent.units?.boilers ?? 0 }, (_, i) => unit('boiler', i + 1)), ...Array.from({ length: ent.units?.heatPumps ?? 0 }, (_, i) => unit('heatPump', i + 1))];
    });
    if (orderRows.length > 0) await tx.insert(s.workOrders).values(orderRows);
    await tx.insert(s.stockLevels).values(
      [...stock.entries()].map(([k, v]) => {
        const [pointId, material] = k.split(':') as [string, 'rebar' | 'sand'];
        return { pointId: Number(pointId), material, onHandKg: v.onHand, availableKg: v.available };
      }),
    );
    await tx.insert(s.budgets).values(
      (Object.entries(budgetTotals) as [ProgrammeCode, number][]).map(([code, total]) => ({ programmeCode: code, totalYuan: total, remainingYuan: total - (budgetSpent[code] ?? 0) })),
    );
    // The budget ledger holds what the lines say: each total allocated, and what each seeded approval committed.
    await tx.insert(s.budgetMovements).values([
      ...(Object.entries(budgetTotals) as [ProgrammeCode, number][]).map(([code, total]) => ({ programmeCode: code, kind: 'allocate' as const, totalDeltaYuan: total, remainingDeltaYuan: total, actorId: officialId, note: '县财政拨付', at: new Date(now.getTime() - 50 * DAY) })),
      ...cashCommits.map((c) => ({ programmeCode: c.code, kind: 'commit' as const, remainingDeltaYuan: -c.amountYuan, applicationId: idByRef.get(c.reference)!, actorId: officialId, at: c.at })),
    ]);
    for (const p of cashPaid) await recordPaid({ tx, programmeCode: p.code, amountYuan: p.amountYuan, now: p.at, applicationId: idByRef.get(p.reference)!, actorId: officialId, note: '演示数据中已发放的补贴' });
    await tx.execute(sql`SELECT setval('application_ref_seq', ${refNo})`);

    // ---- warm winter: one enrolment run by the demo official, 20 days ago (the path /county/enrolment takes); a week later most were paid ----
    const enrolledAt = new Date(now.getTime() - 20 * DAY);
    const run = await enrolEligibleHouseholds({ tx, code: 'warm_winter', params: PROGRAMMES.warm_winter.defaultParams, programmeVersion: 1, scopePaths: [county.path], actorId: officialId, now: enrolledAt, channel: getNotifier().channel });
    await tx.insert(s.auditEvents).values({ at: enrolledAt, actorId: officialId, actorRole: 'official', action: 'enrolment.run', entity: 'enrolment_run', entityId: run.runId, success: true, details: { programme: 'warm_winter', enrolled: run.enrolled, amountYuan: run.amountYuan, skippedUnverified: run.skippedUnverified, programmeVersion: run.programmeVersion, seed: true } });
    const paidAt = new Date(enrolledAt.getTime() + 7 * DAY);
    const paidCases = paidWarmWinter.size
      ? await tx
          .update(s.applications)
          .set({ status: 'fulfilled', fulfilledAt: paidAt, updatedAt: paidAt, version: 3 })
          .where(and(eq(s.applications.enrolmentRunId, run.runId), inArray(s.applications.householdId, [...paidWarmWinter.keys()])))
          .returning({ id: s.applications.id, householdId: s.applications.householdId })
      : [];
    if (paidCases.length) {
      // Cash is paid through the county's payment batches (mark_paid by an official), and the budget line counts it paid.
      const paidEvents = paidCases.map((c) => ({ applicationId: c.id, actorId: officialId, actorRole: 'official', action: 'mark_paid', fromStatus: 'approved' as const, toStatus: 'fulfilled' as const, at: paidAt }));
      await tx.insert(s.applicationEvents).values(paidEvents);
      await tx.insert(s.auditEvents).values(paidEvents.map((e) => ({ at: e.at, actorId: e.actorId, actorRole: e.actorRole, action: 'application.mark_paid', entity: 'application', entityId: e.applicationId, success: true, details: { from: e.fromStatus, to: e.toStatus, seed: true } })));
      await recordPaid({ tx, programmeCode: 'warm_winter', amountYuan: paidCases.length * PROGRAMMES.warm_winter.defaultParams.amountYuan, now: paidAt, actorId: officialId, note: '演示数据中已发放的温暖过冬费' });
    }

    // ---- visits: every D-graded rural household is owed three rounds ----
    const visitRows: (typeof s.visits.$inferInsert)[] = [];
    for (const h of households.filter((x) => x.verified.safetyGrade === 'D' || x.declared.safetyGrade === 'D')) {
      const rounds = pick(rng, [0, 1, 1, 2, 2, 3, 3, 3]);
      for (let r = 1; r <= rounds; r++) {
        const d = new Date(now.getTime() - (45 - r * 12) * DAY);
        visitRows.push({ householdId: h.id, cadreId: cadreFor(h.township), visitedOn: d.toISOString().slice(0, 10), round: r, findings: pick(rng, ['房屋主体裂缝明显，已搭建临时住所。', '已开始加固施工，材料到位。', '老人独居，取暖设备需检修。', '屋顶漏雨已处理，墙体待加固。']), needs: pick(rng, ['', '需要沙子和钢筋', '需要检修壁挂炉', '希望尽快安排施工队']) });
      }
    }
    if (visitRows.length) await tx.insert(s.visits).values(visitRows);

    // ---- grievances, some overdue, some rated ----
    const gRows: (typeof s.grievances.$inferInsert)[] = [];
    const gDescriptions = SAMPLE_GRIEVANCE_TEXT;

    let gRef = 1001;
    for (let i = 0; i < 36; i++) {
      const h = i === 0 ? households[0]! : pick(rng, households.slice(2));
      const category = i === 0 ? 'heating' : pick(rng, GRIEVANCE_CATEGORIES);
      const created = new Date(now.getTime() - (i === 0 ? 2 : Math.floor(rng() * 30)) * DAY);
      const status = i === 0 ? 'open' : pick(rng, ['open', 'responded', 'resolved', 'closed', 'closed', 'closed'] as const);
      const closed = status === 'closed';
      gRows.push({
        reference: `SQ-${year}-${String(gRef++).padStart(6, '0')}`,
        householdId: h.id,
        filedBy: i === 0 ? userIds.get('resident')! : cadreFor(h.township),
        onBehalf: i !== 0,
        placeId: h.placeId,
        category,
        description: gDescriptions[category],
        status,
        respondBy: new Date(created.getTime() + 3 * DAY),
        resolveBy: new Date(created.getTime() + 15 * DAY),
        respondedAt: status === 'open' ? null : new Date(created.getTime() + DAY),
        resolvedAt: status === 'resolved' || closed ? new Date(created.getTime() + 5 * DAY) : null,
        closedAt: closed ? new Date(created.getTime() + 6 * DAY) : null,
        rating: closed ? pick(rng, [3, 4, 5, 5, 5]) : null,
        ratingComment: closed ? pick(rng, ['处理很及时，谢谢', '基本解决了', '干部很耐心']) : null,
        createdAt: created,
      });
    }
    await tx.insert(s.grievances).values(gRows);
    await tx.execute(sql`SELECT setval('grievance_ref_seq', ${gRef})`);
    await tx.insert(s.notifications).values(notifRows);
    await tx.insert(s.auditEvents).values({ actorRole: 'system', action: 'seed.demo', entity: 'database', success: true, details: { households: households.length, applications: appRows.length, county: county.id } });
  });
  return { seeded: true };
}

function answersFor(code: ProgrammeCode, facts: HouseholdFacts): Record<string, unknown> {
  if (code === 'appliance_repair' || code === 'appliance_subsidy') return { boilers: facts.damagedBoilers ?? 0, heatPumps: facts.damagedHeatPumps ?? 0 };
  return {};
}

const PICKUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/**
 * A member's birth year that fits the head's (from the head's ID number): a spouse within a few
 * years, a child 20–35 years younger, a parent 20–35 years older, a grandchild 45–60 years younger.
 * A parent who could be over 95 is written as a child, a grandchild not yet born as a child, and
 * nobody is born after last year. `r` is one draw in [0, 1).
 */
function relative(headYear: number, drawn: '配偶' | '子女' | '父母' | '孙辈', r: number, thisYear: number): { relation: string; birthYear: number } {
  let relation: string = drawn;
  if (relation === '父母' && thisYear - (headYear - 35) > 95) relation = '子女';
  if (relation === '孙辈' && headYear + 45 >= thisYear) relation = '子女';
  const span = { 配偶: [-4, 4], 子女: [20, 35], 父母: [-35, -20], 孙辈: [45, 60] }[relation as typeof drawn];
  const year = headYear + span[0]! + Math.floor(r * (span[1]! - span[0]! + 1));
  return { relation, birthYear: Math.min(year, thisYear - 1) };
}

function pickupCode(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += PICKUP_ALPHABET[Math.floor(rng() * PICKUP_ALPHABET.length)];
  return out;
}
