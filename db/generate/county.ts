// County-scale synthetic data (issue 8): a quarter of a million households in the real place
// tree, their facts and members, a million applications in every state of lib/workflow.ts
// with timelines that the state machine would have produced, visits, grievances, staff,
// stock, budgets, payments, notifications and a hash-chained audit log. Deterministic from
// the seed number (the same seed gives the same rows, ids and references; only the
// encrypted personal data differs, its nonce is random as in the app), relative to `now`.
//
// Households are made in chunks; each chunk's rows go out table by table with COPY on one
// connection, parents before children. Foreign keys, unique constraints and secondary indexes
// are dropped for the load and recreated from their own definitions afterwards, so the end
// state is the migrated schema and every foreign key is checked once, in bulk.
import { createRng, fakeChineseName, fakeMobile, idCheckChar, type Rng } from '../../lib/pii';
import { lookupHash, sealPii } from '../../lib/protect';
import { evaluate, PROGRAMMES, type Entitlement } from '../../lib/programs';
import { APPLICATION_STATUSES, GRIEVANCE_CATEGORIES, GRIEVANCE_STATUSES, type ApplicationStatus, type FactKey, type GrievanceStatus, type HouseholdFacts, type ProgrammeCode, type SafetyGrade } from '../../lib/domain';
import { noticeEndsAt, type Actor, type TransitionAction } from '../../lib/workflow';
import { grievanceDeadlines } from '../../lib/grievances';
import { cstYear } from '../../lib/time';
import { DEMO_ACCOUNTS } from '../../lib/demo-accounts';
import { PROGRAMME_NAMES } from '../seed';
import { buildPlaceTree, type GenPlace } from './places';
import type { Cell, Sink } from './sink';
import { SAMPLE_GRIEVANCE_TEXT } from '../seed/sample-text';

export interface GenerateOptions {
  households: number;
  seed?: number;
  now?: Date;
  /** One argon2 hash for every account (argon2 is slow on purpose; computed once by the caller). */
  passwordHash: string;
  log?: (line: string) => void;
}

export interface GenerateReport {
  tables: Record<string, number>;
  applicationStates: Record<string, number>;
  grievanceStates: Record<string, number>;
  firstReference: string;
  seconds: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CHUNK = 5_000;
/** Staff accounts at full size (250,000 households); smaller runs get proportionally fewer. */
const STAFF_AT_FULL_SIZE = 2_000;
const OFFICIALS_AT_COUNTY = 20;
const OFFICIALS_PER_TOWNSHIP = 6;

// ---- columns, in COPY order ----------------------------------------------------------------
const COLS = {
  places: ['id', 'parent_id', 'level', 'name', 'name_en', 'code', 'path'],
  users: ['id', 'role', 'real_name', 'phone_hash', 'phone_enc', 'password_hash', 'created_at'],
  user_places: ['user_id', 'place_id'],
  programmes: ['code', 'name_zh', 'name_en', 'params', 'needs_application', 'notice_days'],
  stock_points: ['id', 'name', 'name_en', 'place_id', 'address'],
  households: ['id', 'owner_user_id', 'head_name', 'head_id_number_hash', 'head_id_number_enc', 'head_phone_enc', 'head_phone_hash', 'place_id', 'kind', 'address_detail', 'building', 'unit_no', 'floor', 'created_by', 'created_at'],
  household_members: ['id', 'household_id', 'name', 'relation', 'id_number_hash', 'id_number_enc', 'birth_year', 'created_at'],
  household_facts: ['id', 'household_id', 'key', 'declared_value', 'declared_at', 'declared_by', 'verified_value', 'verified_at', 'verified_by', 'verify_method'],
  applications: ['id', 'reference', 'household_id', 'programme_code', 'status', 'version', 'answers', 'entitlement', 'created_by', 'on_behalf', 'submitted_at', 'recommended_by', 'decided_by', 'decided_at', 'rejected_at', 'rejection_final', 'return_reason', 'notice_starts_at', 'notice_ends_at', 'stock_point_id', 'pickup_code', 'fulfilled_at', 'created_at', 'updated_at'],
  application_events: ['application_id', 'at', 'actor_id', 'actor_role', 'action', 'from_status', 'to_status', 'reason'],
  objections: ['id', 'application_id', 'filed_by', 'reason', 'status', 'answer', 'answered_by', 'answered_at', 'created_at'],
  stock_movements: ['point_id', 'material', 'kind', 'available_delta_kg', 'on_hand_delta_kg', 'application_id', 'actor_id', 'at'],
  work_orders: ['id', 'application_id', 'appliance', 'status', 'scheduled_for', 'closed_at', 'created_at'],
  payment_batches: ['id', 'reference', 'programme_code', 'status', 'total_yuan', 'created_by', 'created_at'],
  payment_items: ['batch_id', 'application_id', 'amount_yuan'],
  visits: ['id', 'household_id', 'cadre_id', 'visited_on', 'round', 'findings', 'needs', 'created_at'],
  grievances: ['id', 'reference', 'household_id', 'filed_by', 'on_behalf', 'place_id', 'category', 'description', 'status', 'version', 'respond_by', 'resolve_by', 'responded_at', 'resolved_at', 'closed_at', 'rating', 'rating_comment', 'reopen_count', 'created_at'],
  grievance_events: ['grievance_id', 'at', 'actor_id', 'actor_role', 'action', 'to_status', 'note'],
  notifications: ['id', 'user_id', 'kind', 'params', 'link', 'read_at', 'created_at'],
  audit_events: ['at', 'actor_id', 'actor_role', 'action', 'entity', 'entity_id', 'success', 'details'],
  stock_levels: ['point_id', 'material', 'on_hand_kg', 'available_kg'],
  budgets: ['programme_code', 'total_yuan', 'remaining_yuan'],
  budget_movements: ['programme_code', 'kind', 'total_delta_yuan', 'remaining_delta_yuan', 'application_id', 'actor_id', 'note', 'at'],
} as const;
type Table = keyof typeof COLS;
/** Load order: parents first (the checks come back at the end, but the order keeps it honest). */
const TABLE_ORDER = Object.keys(COLS) as Table[];

// ---- deterministic helpers -------------------------------------------------------------------
/**
 * Version-4-shaped ids whose first 48 bits count up: every primary-key index then grows at its
 * right edge during the load instead of taking random inserts all over a large B-tree, which
 * is what made the load slow down as the tables grew. The rest is random from the seed.
 */
function idMaker(rng: Rng): () => string {
  let n = 0;
  const r32 = () => (Math.floor(rng() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
  return () => {
    const c = (n++).toString(16).padStart(12, '0');
    const b = r32();
    const d = r32();
    return `${c.slice(0, 8)}-${c.slice(8, 12)}-4${b.slice(0, 3)}-${'89ab'[parseInt(b[3]!, 16) & 3]}${b.slice(4, 7)}-${d}${b.slice(7, 8)}${d.slice(0, 3)}`;
  };
}

/**
 * Synthetic ID numbers as lib/pii.ts `fakeIdNumber` makes them (region, a real birth date, order
 * and sex digits, the check character), with the birth dates listed once: fakeIdNumber does
 * its calendar maths in China time on every call, which was a quarter of the generator's time.
 */
function idNumberMaker(rng: Rng, region: string, minYear: number, maxYear: number, now: Date): () => string {
  const days: string[] = [];
  const last = Math.min(Date.UTC(maxYear, 11, 31), now.getTime());
  for (let t = Date.UTC(minYear, 0, 1); t <= last; t += DAY) days.push(new Date(t).toISOString().slice(0, 10).replaceAll('-', ''));
  return () => {
    const first17 = `${region}${rng.pick(days)}${String(rng.int(0, 99)).padStart(2, '0')}${rng.int(0, 9)}`;
    return first17 + idCheckChar(first17);
  };
}

/** The China calendar date of an instant; China has kept UTC+8 all year since 1992. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}

const chance = (rng: Rng, p: number) => rng() < p;
function weighted<T extends string>(rng: Rng, weights: readonly (readonly [T, number])[]): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of weights) {
    r -= w;
    if (r < 0) return v;
  }
  return weights[weights.length - 1]![0];
}
function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

const PICKUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Unique by construction: a bijection of the counter onto 8 characters of the pickup alphabet. */
function pickupCode(n: number): string {
  let x = (BigInt(n) * 2_654_435_761n + 97_531n) % 32n ** 8n;
  let out = '';
  for (let i = 0; i < 8; i++) {
    out += PICKUP_ALPHABET[Number(x % 32n)];
    x /= 32n;
  }
  return out;
}

// ---- texts ---------------------------------------------------------------------------------
const RELATIONS = ['配偶', '子女', '父母', '孙辈', '兄弟姐妹'];
const FINDINGS = ['房屋主体裂缝明显，已搭建临时住所。', '已开始加固施工，材料到位。', '老人独居，取暖设备需检修。', '屋顶漏雨已处理，墙体待加固。', '地面返潮，家具受损，已登记。', '一楼进水约半米，电器损坏。'];
const NEEDS = ['', '需要沙子和钢筋', '需要检修壁挂炉', '希望尽快安排施工队', '需要临时取暖设备', ''];
const RETURN_REASONS = ['请补充上传壁挂炉损坏照片或维修单。', '身份证号与户籍信息不一致，请核对后重新提交。', '请补充房屋安全鉴定结论。'];
const REJECT_REASONS = ['入户核查结果与申报不符，不符合本项条件。', '经核实房屋未受损，不符合补助条件。'];
const DECLINE_REASONS = ['经公示期间核实，该户已在其他渠道领取同类补助。', '公示期间收到异议，经核实情况属实。'];
const APPEAL_REASONS = ['我家的房屋确实受损，请再次核查。', '入户核查时家中无人，请重新安排核查。'];
const DENY_REASONS = ['复核后维持原决定：核查结论与申报不符。'];
const OBJECTION_REASONS = ['该户房屋并未受损，申报不实。', '该户已在外地购房，不在本村居住。', '该户壁挂炉是灾前就坏的。'];
const GRIEVANCE_TEXT = SAMPLE_GRIEVANCE_TEXT;
const GRIEVANCE_NOTES = ['已联系相关部门，正在处理。', '已安排人员上门查看。', '问题已解决，请确认。'];
const RATING_COMMENTS = ['处理很及时，谢谢', '基本解决了', '干部很耐心', null];

// ---- the plan for one application ----------------------------------------------------------
interface Step {
  action: TransitionAction | 'enrol';
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: Actor;
  reason?: string;
  /** Time since the previous step. */
  gap: number;
}

const PASS_WEIGHTS = [
  ['draft', 4],
  ['submitted', 10],
  ['returned', 4],
  ['withdrawn', 3],
  ['recommended', 5],
  ['in_public_notice', 8],
  ['approved', 20],
  ['fulfilled', 36],
  ['rejected', 7],
  ['appealed', 3],
] as const satisfies readonly (readonly [ApplicationStatus, number])[];
// A household that asks for what its verified facts do not give mostly learns so before a
// decision (it withdraws, or leaves the draft); the rest is rejected, and some appeal.
const FAIL_WEIGHTS = [
  ['draft', 12],
  ['submitted', 14],
  ['returned', 8],
  ['withdrawn', 20],
  ['rejected', 38],
  ['appealed', 8],
] as const satisfies readonly (readonly [ApplicationStatus, number])[];
const UNVERIFIED_WEIGHTS = [
  ['draft', 20],
  ['submitted', 60],
  ['returned', 12],
  ['withdrawn', 8],
] as const satisfies readonly (readonly [ApplicationStatus, number])[];

/** The transitions (lib/workflow.ts) that lead to `target`, with plausible gaps between them. */
function planSteps(rng: Rng, target: ApplicationStatus, passes: boolean, noticeDays: number, onBehalf: boolean): Step[] {
  const days = (a: number, b: number) => (a + rng() * (b - a)) * DAY;
  const steps: Step[] = [];
  if (target === 'draft') return steps;
  const submitter: Actor = onBehalf ? 'cadre' : 'resident';
  steps.push({ action: 'submit', from: 'draft', to: 'submitted', actor: submitter, gap: days(0, 2) });
  if (target === 'returned') {
    steps.push({ action: 'return', from: 'submitted', to: 'returned', actor: 'cadre', reason: rng.pick(RETURN_REASONS), gap: days(1, 5) });
    return steps;
  }
  // Some cases went back once for a missing paper before they moved on.
  if (target !== 'withdrawn' && chance(rng, 0.1)) {
    steps.push({ action: 'return', from: 'submitted', to: 'returned', actor: 'cadre', reason: rng.pick(RETURN_REASONS), gap: days(1, 5) });
    steps.push({ action: 'resubmit', from: 'returned', to: 'submitted', actor: submitter, gap: days(1, 6) });
  }
  if (target === 'submitted') return steps;
  if (target === 'withdrawn') {
    steps.push({ action: 'withdraw', from: 'submitted', to: 'withdrawn', actor: 'resident', gap: days(1, 10) });
    return steps;
  }
  if (!passes) {
    // rejected or appealed on failed facts: a cadre rejects (rule_fails), the resident may appeal.
    steps.push({ action: 'reject', from: 'submitted', to: 'rejected', actor: 'cadre', reason: rng.pick(REJECT_REASONS), gap: days(2, 12) });
    appealTail(rng, target, steps, days);
    return steps;
  }
  steps.push({ action: 'recommend', from: 'submitted', to: 'recommended', actor: 'cadre', gap: days(2, 12) });
  if (target === 'recommended') return steps;
  let onBoard: ApplicationStatus = 'recommended';
  if (noticeDays > 0) {
    steps.push({ action: 'publish', from: 'recommended', to: 'in_public_notice', actor: 'system', gap: days(0, 0.5) });
    onBoard = 'in_public_notice';
    if (target === 'in_public_notice') return steps;
  }
  const noticeGap = noticeDays > 0 ? (noticeDays + 1) * DAY : 0;
  if (target === 'rejected' || target === 'appealed') {
    steps.push({ action: 'decline', from: onBoard, to: 'rejected', actor: 'official', reason: rng.pick(DECLINE_REASONS), gap: noticeGap + days(1, 6) });
    appealTail(rng, target, steps, days);
    return steps;
  }
  // approved or fulfilled: mostly straight, a few only after an appeal was granted.
  if (chance(rng, 0.04)) {
    steps.push({ action: 'decline', from: onBoard, to: 'rejected', actor: 'official', reason: rng.pick(DECLINE_REASONS), gap: noticeGap + days(1, 6) });
    steps.push({ action: 'appeal', from: 'rejected', to: 'appealed', actor: 'resident', reason: rng.pick(APPEAL_REASONS), gap: days(1, 10) });
    steps.push({ action: 'grant_appeal', from: 'appealed', to: 'approved', actor: 'official', gap: days(2, 10) });
  } else {
    steps.push({ action: 'approve', from: onBoard, to: 'approved', actor: 'official', gap: noticeGap + days(1, 6) });
  }
  if (target === 'fulfilled') steps.push({ action: 'fulfil', from: 'approved', to: 'fulfilled', actor: 'cadre', gap: days(2, 20) });
  return steps;
}

function appealTail(rng: Rng, target: ApplicationStatus, steps: Step[], days: (a: number, b: number) => number): void {
  if (target === 'appealed') {
    // Inside the 15-day window (lib/workflow.ts appeal_open).
    steps.push({ action: 'appeal', from: 'rejected', to: 'appealed', actor: 'resident', reason: rng.pick(APPEAL_REASONS), gap: days(1, 13) });
  } else if (chance(rng, 0.2)) {
    steps.push({ action: 'appeal', from: 'rejected', to: 'appealed', actor: 'resident', reason: rng.pick(APPEAL_REASONS), gap: days(1, 13) });
    steps.push({ action: 'deny_appeal', from: 'appealed', to: 'rejected', actor: 'official', reason: rng.pick(DENY_REASONS), gap: days(2, 10) });
  }
}

// ---- the generator ---------------------------------------------------------------------------
interface Staff {
  id: string;
  role: 'cadre' | 'official';
  placeId: number;
}

export async function generateCounty(sink: Sink, opts: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 1;
  const rng = createRng(seed);
  const uuidFrom = idMaker(rng);
  const now = opts.now ?? new Date();
  const year = cstYear(now);
  const disaster = new Date(now.getTime() - 120 * DAY);
  const total = opts.households;

  const counts: Record<string, number> = {};
  const spent: Record<string, { rows: number; ms: number }> = {};
  const buffers = new Map<Table, Cell[][]>();
  const push = (t: Table, row: Cell[]) => {
    let b = buffers.get(t);
    if (!b) buffers.set(t, (b = []));
    b.push(row);
  };
  // The server takes one chunk while the next one is made (two cores: one for each). At most
  // one chunk waits, so memory stays at two chunks' rows.
  let pending: Promise<void> = Promise.resolve();
  const send = async (batch: [Table, Cell[][]][]) => {
    for (const [t, rows] of batch) {
      const t0 = performance.now();
      await sink.copy(t, COLS[t], rows);
      const s = (spent[t] ??= { rows: 0, ms: 0 });
      s.rows += rows.length;
      s.ms += performance.now() - t0;
      counts[t] = (counts[t] ?? 0) + rows.length;
    }
  };
  const flush = async (wait = false) => {
    await pending;
    const batch: [Table, Cell[][]][] = [];
    for (const t of TABLE_ORDER) {
      const rows = buffers.get(t);
      if (rows?.length) batch.push([t, rows]);
      buffers.delete(t);
    }
    pending = send(batch);
    // Marked as handled here; the error still surfaces at the next await of `pending`.
    pending.catch(() => {});
    if (wait) await pending;
  };

  // ---- places ----
  // A small run (tests, the dev database) gets a smaller tree so that villages are not empty.
  const scale = Math.min(1, total / 250_000);
  const places = buildPlaceTree(rng, {
    villagesPerTown: Math.max(8, Math.round(60 * scale)),
    communitiesPerStreet: Math.max(4, Math.round(24 * scale)),
    compoundsPerCommunity: 6,
  });
  for (const p of places) push('places', [p.id, p.parentId, p.level, p.name, p.nameEn, p.code, p.path]);
  const byName = new Map(places.map((p) => [p.name, p]));
  const townships = places.filter((p) => p.level === 'township');
  const homesUrban = places.filter((p) => p.level === 'compound' && p.kind === 'urban');
  const homesRural = places.filter((p) => p.level === 'village' && p.kind === 'rural');
  /** The village or community a home belongs to: the place a cadre is assigned to. */
  const villageOf = (p: GenPlace): GenPlace => (p.level === 'compound' ? places[p.parentId! - 1]! : p);

  // ---- programmes ----
  for (const def of Object.values(PROGRAMMES)) {
    push('programmes', [def.code, PROGRAMME_NAMES[def.code].zh, PROGRAMME_NAMES[def.code].en, def.defaultParams as Record<string, unknown>, def.needsApplication, def.noticeDays]);
  }

  // ---- staff: the demo accounts first (known phones for sign-in), then 2,000 in all ----
  const staff: Staff[] = [];
  const usedPhones = new Set<string>();
  const userRow = (id: string, role: string, name: string, phone: string, at: Date) => {
    usedPhones.add(phone);
    push('users', [id, role, name, lookupHash(phone), sealPii(phone), opts.passwordHash, at]);
  };
  const freshPhone = () => {
    for (;;) {
      const p = fakeMobile(rng);
      if (!usedPhones.has(p)) return p;
    }
  };
  const demoResidents: { id: string; place: GenPlace; name: string; phone: string }[] = [];
  const staffSince = new Date(disaster.getTime() - 200 * DAY);
  for (const a of DEMO_ACCOUNTS) {
    const id = uuidFrom();
    const place = byName.get(a.place)!;
    userRow(id, a.role, a.name, a.phone, staffSince);
    if (a.role === 'resident') demoResidents.push({ id, place, name: a.name, phone: a.phone });
    else {
      staff.push({ id, role: a.role, placeId: place.id });
      push('user_places', [id, place.id]);
    }
  }
  const county = places[0]!;
  const addStaff = (role: 'cadre' | 'official', place: GenPlace) => {
    const id = uuidFrom();
    userRow(id, role, fakeChineseName(rng), freshPhone(), staffSince);
    staff.push({ id, role, placeId: place.id });
    push('user_places', [id, place.id]);
  };
  for (let i = 0; i < OFFICIALS_AT_COUNTY; i++) addStaff('official', county);
  for (const t of townships) for (let i = 0; i < OFFICIALS_PER_TOWNSHIP; i++) addStaff('official', t);
  const villages = places.filter((p) => p.level === 'village');
  const staffTotal = Math.min(STAFF_AT_FULL_SIZE, Math.max(80, Math.round((STAFF_AT_FULL_SIZE * total) / 250_000)));
  for (let i = 0; staff.length < staffTotal; i++) addStaff('cadre', villages[i % villages.length]!);
  const cadresByVillage = new Map<number, string[]>();
  const cadresByTownship = new Map<number, string[]>();
  for (const s of staff.filter((x) => x.role === 'cadre')) {
    const p = places[s.placeId - 1]!;
    const map = p.level === 'township' ? cadresByTownship : cadresByVillage;
    map.set(p.id, [...(map.get(p.id) ?? []), s.id]);
  }
  const countyOfficials = staff.filter((s) => s.role === 'official' && s.placeId === county.id).map((s) => s.id);
  const cadreFor = (home: GenPlace): string => {
    const v = villageOf(home);
    return rng.pick(cadresByVillage.get(v.id) ?? cadresByTownship.get(v.townshipId!) ?? countyOfficials);
  };

  // ---- stock points: one building-materials fair per town ----
  const pointByTownship = new Map<number, number>();
  let pointId = 0;
  for (const t of townships.filter((x) => !x.name.endsWith('街道'))) {
    pointId++;
    pointByTownship.set(t.id, pointId);
    push('stock_points', [pointId, `${t.name}建材大集`, `${t.nameEn.replace(/ Town$/, '')} building-materials fair`, t.id, `${t.name}政府广场`]);
  }
  const stockUse = new Map<string, { reserved: number; issued: number }>();

  await flush(true);

  // ---- households, chunk by chunk ----
  const usedIds = new Set<string>();
  const headId = idNumberMaker(rng, '130681', 1940, 1998, now);
  const memberId = idNumberMaker(rng, '130681', 1935, 2020, now);
  const appStates: Record<string, number> = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0]));
  const grievanceStates: Record<string, number> = Object.fromEntries(GRIEVANCE_STATUSES.map((s) => [s, 0]));
  let appRef = 1001;
  let grievanceRef = 1001;
  let pickups = 0;
  let firstReference = '';
  const budgetSpent: Partial<Record<ProgrammeCode, number>> = {};
  const payable: Record<string, { applicationId: string; amount: number }[]> = {};
  const recentResidents: string[] = [];

  for (let h = 0; h < total; h++) {
    // Let the pending COPY move along: without a turn of the event loop it only fills the
    // socket buffer while this loop makes the next chunk.
    if (h % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    // -- the household and its owner --
    const demo = demoResidents[h];
    const urban = demo ? demo.place.kind === 'urban' : chance(rng, 0.45);
    const home = demo ? demo.place : rng.pick(urban ? homesUrban : homesRural);
    const ownerId = demo ? demo.id : uuidFrom();
    const householdId = uuidFrom();
    const phone = demo ? demo.phone : freshPhone();
    const name = demo ? demo.name : fakeChineseName(rng);
    let idNumber = headId();
    while (usedIds.has(idNumber)) idNumber = headId();
    usedIds.add(idNumber);
    const registeredAt = new Date(disaster.getTime() + (3 + rng() * 20) * DAY);
    if (!demo) userRow(ownerId, 'resident', name, phone, registeredAt);
    recentResidents.push(ownerId);
    if (recentResidents.length > 200) recentResidents.shift();
    const cadre = cadreFor(home);
    const floor = urban ? (chance(rng, 0.22) ? 1 : rng.int(2, 18)) : null;
    push('households', [householdId, ownerId, name, lookupHash(idNumber), sealPii(idNumber), sealPii(phone), lookupHash(phone), home.id, urban ? 'urban' : 'rural', urban ? '' : `${rng.int(1, 400)}号`, urban ? String(rng.int(1, 30)) : null, urban ? String(rng.int(1, 4)) : null, floor, ownerId, registeredAt]);

    const members = rng.int(0, 4);
    for (let m = 0; m < members; m++) {
      const withId = chance(rng, 0.5);
      let mid = withId ? memberId() : null;
      // Members' numbers are not unique in the schema, but two people never share one.
      while (mid && usedIds.has(mid)) mid = memberId();
      if (mid) usedIds.add(mid);
      push('household_members', [uuidFrom(), householdId, fakeChineseName(rng), rng.pick(RELATIONS), mid ? lookupHash(mid) : null, mid ? sealPii(mid) : null, mid ? Number(mid.slice(6, 10)) : rng.int(1935, 2020), registeredAt]);
    }

    // -- facts: declared by the owner, verified by the village cadre on most households --
    const declared: HouseholdFacts = { kind: urban ? 'urban' : 'rural', affected: chance(rng, 0.92) };
    if (urban) declared.groundFloorFlooded = floor === 1 && declared.affected === true;
    else declared.safetyGrade = weighted<SafetyGrade>(rng, [['D', 15], ['C', 30], ['B', 30], ['A', 25]]);
    declared.damagedBoilers = chance(rng, 0.45) ? rng.int(1, 2) : 0;
    declared.damagedHeatPumps = !urban && chance(rng, 0.3) ? 1 : 0;
    declared.repairImpossible = declared.damagedBoilers + declared.damagedHeatPumps > 0 ? chance(rng, 0.4) : false;
    const verifiedAny = !demo && chance(rng, 0.85);
    const verified: HouseholdFacts = { kind: declared.kind };
    if (verifiedAny) {
      Object.assign(verified, declared);
      if (declared.safetyGrade === 'C' && chance(rng, 0.12)) verified.safetyGrade = 'B';
      if ((declared.damagedBoilers ?? 0) > 0 && chance(rng, 0.08)) verified.damagedBoilers = 0;
    }
    const declaredAt = new Date(registeredAt.getTime() + rng() * 2 * DAY);
    const verifiedAt = new Date(declaredAt.getTime() + (2 + rng() * 10) * DAY);
    for (const key of ['affected', 'groundFloorFlooded', 'safetyGrade', 'damagedBoilers', 'damagedHeatPumps', 'repairImpossible'] as FactKey[]) {
      const dv = declared[key];
      if (dv === undefined) continue;
      const vv = verifiedAny ? verified[key] : undefined;
      push('household_facts', [uuidFrom(), householdId, key, JSON.stringify(dv), declaredAt, ownerId, vv === undefined ? null : JSON.stringify(vv), vv === undefined ? null : verifiedAt, vv === undefined ? null : cadre, vv === undefined ? null : key === 'safetyGrade' ? 'appraisal' : chance(rng, 0.7) ? 'visit' : 'photo']);
    }

    // -- applications: warm-winter enrolment for the affected, three or four applied for --
    const chosen: ProgrammeCode[] = [];
    const applicable = (Object.keys(PROGRAMMES) as ProgrammeCode[]).filter((c) => PROGRAMMES[c].needsApplication);
    const eligibleFirst = shuffle(rng, applicable.slice()).sort((a, b) => Number(evaluate(b, declared, PROGRAMMES[b].defaultParams as never).eligible) - Number(evaluate(a, declared, PROGRAMMES[a].defaultParams as never).eligible));
    chosen.push(...eligibleFirst.slice(0, chance(rng, 0.21) ? 4 : 3));
    const ww = evaluate('warm_winter', verified, PROGRAMMES.warm_winter.defaultParams);
    if (ww.eligible) chosen.push('warm_winter');

    for (const code of chosen) {
      const def = PROGRAMMES[code];
      const result = evaluate(code, verified, def.defaultParams as never);
      const passes = result.eligible;
      const entitlement: Entitlement | null = result.eligible ? (result.entitlement ?? null) : null;
      const id = uuidFrom();
      const reference = `ZZ-${year}-${String(appRef++).padStart(6, '0')}`;
      if (!firstReference) firstReference = reference;
      const onBehalf = chance(rng, 0.1);
      let steps: Step[];
      let target: ApplicationStatus;
      if (!def.needsApplication) {
        // 免申即享: enrolled by an official, paid out later.
        target = chance(rng, 0.7) ? 'fulfilled' : 'approved';
        steps = [{ action: 'enrol', from: null, to: 'approved', actor: 'official', gap: 0 }];
        if (target === 'fulfilled') steps.push({ action: 'fulfil', from: 'approved', to: 'fulfilled', actor: 'cadre', gap: (3 + rng() * 20) * DAY });
      } else {
        target = weighted(rng, !verifiedAny ? UNVERIFIED_WEIGHTS : passes ? PASS_WEIGHTS : FAIL_WEIGHTS);
        if (target === 'recommended' && def.noticeDays > 0) target = 'in_public_notice';
        else if (target === 'in_public_notice' && def.noticeDays === 0) target = 'recommended';
        steps = planSteps(rng, target, passes, def.noticeDays, onBehalf);
      }
      appStates[target] = (appStates[target] ?? 0) + 1;

      // Times: anchored at the end so nothing lies in the future; a case on the notice board
      // was published in the last six days (its window is still open), an appeal came in time.
      const span = steps.reduce((s, x) => s + x.gap, 0);
      let tail: number;
      if (target === 'in_public_notice') tail = rng() * 6 * DAY;
      else if (target === 'draft' || target === 'submitted' || target === 'returned') tail = rng() * 20 * DAY;
      else tail = (0.5 + rng() * 25) * DAY;
      const created = new Date(Math.max(verifiedAt.getTime() + HOUR, now.getTime() - tail - span - (0.1 + rng()) * DAY));
      let t = created.getTime();
      const times = steps.map((s) => (t += s.gap));
      // Early disaster cases would otherwise start before the household existed.
      if (times.length && times[times.length - 1]! > now.getTime() - HOUR) {
        const shift = times[times.length - 1]! - (now.getTime() - HOUR);
        for (let i = 0; i < times.length; i++) times[i]! -= shift;
      }

      const actorId = (a: Actor) => (a === 'resident' ? ownerId : a === 'cadre' ? cadre : a === 'official' ? rng.pick(countyOfficials) : null);
      let submittedAt: Date | null = null;
      let recommendedBy: string | null = null;
      let decidedBy: string | null = null;
      let decidedAt: Date | null = null;
      let rejectedAt: Date | null = null;
      let rejectionFinal = false;
      let returnReason: string | null = null;
      let noticeStartsAt: Date | null = null;
      let noticeEnd: Date | null = null;
      let fulfilledAt: Date | null = null;
      let frozen: Entitlement | null = null;
      steps.forEach((s, i) => {
        const at = new Date(times[i]!);
        const who = actorId(s.actor);
        push('application_events', [id, at, who, s.actor, s.action, s.from, s.to, s.reason ?? null]);
        if (s.action === 'submit') submittedAt = at;
        if (s.action === 'return') returnReason = s.reason ?? null;
        if (s.action === 'resubmit') returnReason = null;
        if (s.action === 'recommend') {
          recommendedBy = who;
          frozen = entitlement;
        }
        if (s.action === 'enrol') {
          submittedAt = at;
          frozen = entitlement;
        }
        if (s.action === 'publish') {
          noticeStartsAt = at;
          noticeEnd = noticeEndsAt(at, def.noticeDays);
        }
        if (s.action === 'approve' || s.action === 'enrol' || s.action === 'grant_appeal' || s.action === 'decline' || s.action === 'deny_appeal' || s.action === 'reject') {
          decidedBy = s.action === 'reject' ? null : who;
          decidedAt = at;
        }
        if (s.action === 'reject' || s.action === 'decline' || s.action === 'deny_appeal') {
          rejectedAt = at;
          rejectionFinal = s.action === 'deny_appeal';
        }
        if (s.action === 'fulfil') fulfilledAt = at;
        // The audit log records the decisions (officials) and the cadres' recommendations.
        if (s.actor === 'official' || s.action === 'recommend' || s.action === 'reject') {
          push('audit_events', [at, who, s.actor, `application.${s.action}`, 'application', id, true, { from: s.from, to: s.to, generated: true }]);
        }
        // The owner hears of every step a member of staff takes on the case.
        if (s.actor !== 'resident' && s.action !== 'publish') {
          push('notifications', [uuidFrom(), ownerId, `application.${s.to}`, { reference, programme: code }, `/resident/applications/${id}`, at.getTime() < now.getTime() - 3 * DAY && chance(rng, 0.6) ? new Date(at.getTime() + DAY) : null, at]);
        }
      });
      const updatedAt = times.length ? new Date(times[times.length - 1]!) : created;

      // Objections on notice cases: open ones still running, dismissed before approval, upheld before a decline.
      if (noticeStartsAt) {
        const ns = (noticeStartsAt as Date).getTime();
        const declinedOnNotice = steps.some((s) => s.action === 'decline' && s.from === 'in_public_notice');
        const p = target === 'in_public_notice' ? 0.1 : declinedOnNotice ? 0.3 : 0.03;
        if (chance(rng, p)) {
          const filed = new Date(ns + rng() * Math.min(5 * DAY, now.getTime() - ns));
          const status = target === 'in_public_notice' ? 'open' : declinedOnNotice ? 'upheld' : 'dismissed';
          const answered = status === 'open' ? null : new Date(Math.min(filed.getTime() + 2 * DAY, now.getTime()));
          push('objections', [uuidFrom(), id, rng.pick(recentResidents), rng.pick(OBJECTION_REASONS), status, answered ? (status === 'upheld' ? '经核实，异议成立。' : '经核实，异议不成立。') : null, answered ? cadre : null, answered, filed]);
        }
      }

      // Materials: reserved at approval, issued at pickup.
      const approvedStep = steps.find((s) => s.to === 'approved');
      const approvedAt = approvedStep ? new Date(times[steps.indexOf(approvedStep)]!) : null;
      let stockPoint: number | null = null;
      let pickup: string | null = null;
      const ent = frozen as Entitlement | null;
      const granted = target === 'approved' || target === 'fulfilled';
      if (granted && ent?.kind === 'materials' && approvedAt) {
        stockPoint = pointByTownship.get(home.townshipId!) ?? 1;
        pickup = pickupCode(pickups++);
        for (const item of ent.items) {
          const kg = Math.round(item.tonnes * 1000);
          const key = `${stockPoint}:${item.material}`;
          const use = stockUse.get(key) ?? { reserved: 0, issued: 0 };
          use.reserved += kg;
          push('stock_movements', [stockPoint, item.material, 'reserve', -kg, 0, id, decidedBy, approvedAt]);
          if (fulfilledAt) {
            use.issued += kg;
            push('stock_movements', [stockPoint, item.material, 'issue', 0, -kg, id, cadre, fulfilledAt]);
          }
          stockUse.set(key, use);
        }
      }
      if (granted && ent?.kind === 'cash') {
        budgetSpent[code] = (budgetSpent[code] ?? 0) + ent.amountYuan;
        // Committed on the ledger against the case, as an approval does (db/queries/budgets.ts): a
        // withdrawal gives back exactly this, and a payment batch finds it already set aside.
        push('budget_movements', [code, 'commit', 0, -ent.amountYuan, id, decidedBy, null, approvedAt ?? decidedAt ?? now]);
        if (fulfilledAt && ent.amountYuan > 0) (payable[code] ??= []).push({ applicationId: id, amount: ent.amountYuan });
      }
      if (granted && code === 'appliance_repair' && approvedAt) {
        const done = !!fulfilledAt;
        push('work_orders', [uuidFrom(), id, (declared.damagedBoilers ?? 0) > 0 ? 'boiler' : 'heatPump', done ? 'done' : chance(rng, 0.5) ? 'scheduled' : 'open', done || chance(rng, 0.5) ? new Date(approvedAt.getTime() + 2 * DAY) : null, fulfilledAt, approvedAt]);
      }

      const answers = code === 'appliance_repair' || code === 'appliance_subsidy' ? { boilers: declared.damagedBoilers ?? 0, heatPumps: declared.damagedHeatPumps ?? 0 } : {};
      push('applications', [id, reference, householdId, code, target, 1 + steps.length, answers, ent as unknown as Record<string, unknown> | null, onBehalf ? cadre : ownerId, onBehalf, submittedAt, recommendedBy, decidedBy, decidedAt, rejectedAt, rejectionFinal, target === 'returned' ? returnReason : null, noticeStartsAt, noticeEnd, stockPoint, pickup, fulfilledAt, created, updatedAt]);
    }

    // -- visits: grade-D houses get all three rounds --
    const grade = verified.safetyGrade ?? declared.safetyGrade;
    const rounds = grade === 'D' ? 3 : grade === 'C' ? 3 : grade === 'B' ? rng.int(2, 3) : urban ? rng.int(2, 3) : 2;
    for (let r = 1; r <= rounds; r++) {
      const d = new Date(Math.min(disaster.getTime() + (5 + (r - 1) * 30 + rng() * 20) * DAY, now.getTime() - DAY));
      push('visits', [uuidFrom(), householdId, cadre, chinaDate(d), r, rng.pick(FINDINGS), rng.pick(NEEDS), d]);
    }

    // -- grievances: about two in five households, in every state --
    const gCount = (chance(rng, 0.35) ? 1 : 0) + (chance(rng, 0.05) ? 1 : 0);
    for (let g = 0; g < gCount; g++) {
      const gid = uuidFrom();
      const category = rng.pick(GRIEVANCE_CATEGORIES);
      const status = weighted<GrievanceStatus>(rng, [['open', 15], ['responded', 15], ['resolved', 15], ['closed', 45], ['reopened', 10]]);
      grievanceStates[status]!++;
      const filedAt = new Date(now.getTime() - (status === 'open' ? rng() * 6 : 8 + rng() * 80) * DAY);
      const onBehalfG = chance(rng, 0.15);
      const filer = onBehalfG ? cadre : ownerId;
      const ev: [Date, string | null, string, string, GrievanceStatus, string | null][] = [[filedAt, filer, onBehalfG ? 'cadre' : 'resident', 'file', 'open', null]];
      let at = filedAt.getTime();
      const step = (minH: number, maxH: number) => (at = Math.min(at + (minH + rng() * (maxH - minH)) * HOUR, now.getTime() - HOUR));
      let respondedAt: Date | null = null;
      let resolvedAt: Date | null = null;
      let closedAt: Date | null = null;
      let rating: number | null = null;
      let deadlines = grievanceDeadlines(filedAt);
      let reopenCount = 0;
      if (status !== 'open') {
        respondedAt = new Date(step(2, 90));
        ev.push([respondedAt, cadre, 'cadre', 'respond', 'responded', rng.pick(GRIEVANCE_NOTES)]);
      }
      if (status === 'resolved' || status === 'closed' || status === 'reopened') {
        resolvedAt = new Date(step(24, 300));
        ev.push([resolvedAt, cadre, 'cadre', 'resolve', 'resolved', GRIEVANCE_NOTES[2]!]);
      }
      if (status === 'closed' || status === 'reopened') {
        closedAt = new Date(step(12, 96));
        rating = status === 'reopened' ? rng.int(1, 2) : rng.pick([5, 5, 5, 5, 4, 4, 4, 3, 2, 1]);
        ev.push([closedAt, ownerId, 'resident', 'close', 'closed', null]);
      }
      if (status === 'reopened') {
        const reopenedAt = new Date(step(2, 100));
        ev.push([reopenedAt, ownerId, 'resident', 'reopen', 'reopened', '问题没有解决，又出现了。']);
        // A reopened grievance runs on fresh deadlines from the reopening (lib/grievances.ts).
        deadlines = grievanceDeadlines(reopenedAt);
        reopenCount = 1;
        respondedAt = null;
        resolvedAt = null;
      }
      push('grievances', [gid, `SQ-${year}-${String(grievanceRef++).padStart(6, '0')}`, householdId, filer, onBehalfG, home.id, category, GRIEVANCE_TEXT[category], status, ev.length, deadlines.respondBy, deadlines.resolveBy, respondedAt, resolvedAt, status === 'closed' ? closedAt : null, status === 'closed' || status === 'reopened' ? rating : null, status === 'closed' ? rng.pick(RATING_COMMENTS) : null, reopenCount, filedAt]);
      for (const [eat, who, role, action, to, note] of ev) {
        push('grievance_events', [gid, eat, who, role, action, to, note]);
        push('audit_events', [eat, who, role, `grievance.${action}`, 'grievance', gid, true, { to, generated: true }]);
      }
    }

    if ((h + 1) % CHUNK === 0 || h + 1 === total) {
      await flush();
      if ((h + 1) % (CHUNK * 10) === 0 || h + 1 === total) log(`  households ${h + 1}/${total} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }

  // ---- what the load adds up to: stock received, budgets, payment batches ----
  const firstCountyOfficial = countyOfficials[0]!;
  const receivedAt = new Date(disaster.getTime() + 10 * DAY);
  for (const [pid] of [...pointByTownship.values()].map((v) => [v] as const)) {
    for (const material of ['rebar', 'sand'] as const) {
      const use = stockUse.get(`${pid}:${material}`) ?? { reserved: 0, issued: 0 };
      // Deliveries ran a little ahead of the reservations, as the fairs were stocked by the truckload.
      const received = Math.ceil((use.reserved * 1.15 + 50_000) / 10_000) * 10_000;
      push('stock_movements', [pid, material, 'receive', received, received, null, firstCountyOfficial, receivedAt]);
      push('stock_levels', [pid, material, received - use.issued, received - use.reserved]);
    }
  }
  for (const code of ['appliance_subsidy', 'warm_winter'] as const) {
    const used = budgetSpent[code] ?? 0;
    const totalYuan = Math.ceil((used * 1.2 + 100_000) / 100_000) * 100_000;
    push('budgets', [code, totalYuan, totalYuan - used]);
    push('budget_movements', [code, 'allocate', totalYuan, totalYuan, null, firstCountyOfficial, '县财政拨付', receivedAt]);
  }
  let batchNo = 1;
  for (const [code, items] of Object.entries(payable)) {
    for (let i = 0; i < items.length; i += 1000) {
      const slice = items.slice(i, i + 1000);
      const batchId = uuidFrom();
      push('payment_batches', [batchId, `PB-${year}-${String(batchNo++).padStart(4, '0')}`, code, 'paid', slice.reduce((s, x) => s + x.amount, 0), firstCountyOfficial, new Date(now.getTime() - 10 * DAY)]);
      for (const it of slice) push('payment_items', [batchId, it.applicationId, it.amount]);
    }
  }
  push('audit_events', [now, null, 'system', 'generate.county', 'database', null, true, { households: total, seed, generated: true }]);
  await flush(true);

  // The app takes references and ids from sequences: continue after the generated ones.
  await sink.query(`SELECT setval('application_ref_seq', ${appRef}), setval('grievance_ref_seq', ${grievanceRef}), setval(pg_get_serial_sequence('places', 'id'), ${places.length}), setval(pg_get_serial_sequence('stock_points', 'id'), ${Math.max(1, pointId)})`);

  for (const t of TABLE_ORDER) {
    const s = spent[t];
    if (s) log(`  ${t.padEnd(20)} ${String(s.rows).padStart(9)} rows  ${(s.ms / 1000).toFixed(1).padStart(6)} s in COPY  ${Math.round(s.rows / Math.max(0.001, s.ms / 1000)).toLocaleString('en-GB').padStart(10)} rows/s`);
  }
  return { tables: counts, applicationStates: appStates, grievanceStates, firstReference, seconds: (performance.now() - started) / 1000 };
}
