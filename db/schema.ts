// The whole domain of PRODUCT.md in one file. Later features add screens, not tables.
// Money is whole yuan (integer), material quantities are kilograms (integer), so no floats
// ever decide whether stock or budget runs out. Times are timestamptz (shown in CST).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  uniqueIndex,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  APPLICATION_STATUSES,
  GRIEVANCE_CATEGORIES,
  GRIEVANCE_STATUSES,
  HOUSEHOLD_KINDS,
  MATERIALS,
  PLACE_LEVELS,
  PROGRAMME_CODES,
  ROLES,
  SAFETY_GRADES,
  UPLOAD_KINDS,
  VERIFY_METHODS,
  FACT_KEYS,
} from '../lib/domain';

export const roleEnum = pgEnum('role', ROLES);
export const placeLevelEnum = pgEnum('place_level', PLACE_LEVELS);
export const householdKindEnum = pgEnum('household_kind', HOUSEHOLD_KINDS);
export const safetyGradeEnum = pgEnum('safety_grade', SAFETY_GRADES);
export const programmeCodeEnum = pgEnum('programme_code', PROGRAMME_CODES);
export const applicationStatusEnum = pgEnum('application_status', APPLICATION_STATUSES);
export const grievanceCategoryEnum = pgEnum('grievance_category', GRIEVANCE_CATEGORIES);
export const grievanceStatusEnum = pgEnum('grievance_status', GRIEVANCE_STATUSES);
export const verifyMethodEnum = pgEnum('verify_method', VERIFY_METHODS);
export const factKeyEnum = pgEnum('fact_key', FACT_KEYS);
export const materialEnum = pgEnum('material', MATERIALS);
export const uploadKindEnum = pgEnum('upload_kind', UPLOAD_KINDS);
export const objectionStatusEnum = pgEnum('objection_status', ['open', 'dismissed', 'upheld']);
export const movementKindEnum = pgEnum('stock_movement_kind', ['receive', 'reserve', 'release', 'issue', 'adjust']);
export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sent', 'failed']);
export const workOrderStatusEnum = pgEnum('work_order_status', ['open', 'scheduled', 'done', 'cancelled']);
/** draft → sent (the bank file went to the bank) → paid (every item paid) or partly_failed (some items came back; they return to `approved`). */
export const batchStatusEnum = pgEnum('payment_batch_status', ['draft', 'sent', 'paid', 'partly_failed']);
export const paymentItemStatusEnum = pgEnum('payment_item_status', ['pending', 'paid', 'failed']);
/** allocate/adjust move the total; commit (approval, enrolment) and release (refund of an unpaid commitment) move what remains; pay/unpay move what is paid. */
export const budgetMovementKindEnum = pgEnum('budget_movement_kind', ['allocate', 'adjust', 'commit', 'release', 'pay', 'unpay']);
/** 银行卡 or 社保卡 (一卡通, the social-security card subsidies are paid onto in Hebei). */
export const payeeAccountKindEnum = pgEnum('payee_account_kind', ['bank_card', 'social_security_card']);
export const companyKindEnum = pgEnum('company_kind', ['heating', 'property']);
export const waiverListStatusEnum = pgEnum('waiver_list_status', ['exported', 'confirmed', 'cancelled']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Jurisdictions: county → township/street → village/community → compound. `path` is '/1/4/9/' (ids from the root) so "everything below" is a prefix match. */
export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id'),
    level: placeLevelEnum('level').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** Administrative division code, 6 digits for county level (130681 = 涿州市) or longer below. */
    code: text('code'),
    path: text('path').notNull(),
  },
  (t) => [
    index('places_parent_idx').on(t.parentId),
    index('places_path_idx').on(t.path),
    // Scopes are `path LIKE '/1/4/%'`: only a text_pattern_ops index serves a prefix LIKE under a non-C collation.
    index('places_path_prefix_idx').using('btree', t.path.op('text_pattern_ops')),
    unique('places_parent_name_uq').on(t.parentId, t.name),
    // The place import (npm run setup -- --places, server/setup/import-places.ts) matches rows by code: one place per code.
    unique('places_code_uq').on(t.code),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    role: roleEnum('role').notNull(),
    realName: text('real_name').notNull(),
    /** HMAC-SHA-256 of the normalised mobile number: the sign-in lookup key. */
    phoneHash: text('phone_hash').notNull().unique(),
    phoneEnc: text('phone_enc').notNull(),
    idNumberHash: text('id_number_hash').unique(),
    idNumberEnc: text('id_number_enc'),
    passwordHash: text('password_hash').notNull(),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    /** Bumped on password change, role change or deactivation: every older JWT stops working. */
    sessionVersion: integer('session_version').notNull().default(1),
    /** Set for an account created with a one-time password (scripts/create-official.ts): it may only choose a new password until it has. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    active: boolean('active').notNull().default(true),
    locale: text('locale').notNull().default('zh-CN'),
    lastSignInAt: ts('last_sign_in_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_failed_nonneg', sql`${t.failedSignIns} >= 0`),
    // The officials' staff list (/county/staff) in keyset pages by name: staff only, a few thousand rows of 250,000 accounts.
    index('users_staff_name_idx').on(t.realName, t.id).where(sql`${t.role} IN ('cadre', 'official')`),
  ],
);

/**
 * Failed sign-in counters for phone numbers that have no account, so an unknown number is
 * throttled and locked exactly like a known one and the answers cannot tell them apart (TRUST S2).
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  phoneHash: text('phone_hash').primaryKey(),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Fixed-window counters for rate limits (TRUST S6): registration per address, per phone, per
 * ID number and overall; objections per account. In PostgreSQL so that a limit holds across
 * several app nodes. `key` is a keyed hash (lib/protect lookupHash), never a phone, ID number
 * or address in clear. db/queries/rate-limit.ts takes a slot with one conditional upsert.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: ts('window_start').notNull().defaultNow(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index('rate_limits_window_idx').on(t.windowStart), check('rate_limits_count_positive', sql`${t.count} >= 0`)],
);

/** Places a cadre (or an official scoped below the county) is assigned to; they see everything below. */
export const userPlaces = pgTable(
  'user_places',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    placeId: integer('place_id').notNull().references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.placeId] })],
);

export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The resident account that manages this household; null when a cadre keeps it for someone without a phone (代办). */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    headName: text('head_name').notNull(),
    headIdNumberHash: text('head_id_number_hash').notNull().unique(),
    headIdNumberEnc: text('head_id_number_enc').notNull(),
    headPhoneEnc: text('head_phone_enc'),
    /** Keyed hash of the head's phone (lookupHash), so staff can find a household by phone without it being stored in clear. */
    headPhoneHash: text('head_phone_hash'),
    placeId: integer('place_id').notNull().references(() => places.id),
    kind: householdKindEnum('kind').notNull(),
    addressDetail: text('address_detail').notNull().default(''),
    building: text('building'),
    unitNo: text('unit_no'),
    floor: smallint('floor'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('households_place_idx').on(t.placeId), unique('households_owner_uq').on(t.ownerUserId), index('households_head_phone_hash_idx').on(t.headPhoneHash),
    // A cadre's household list in keyset pages (place, id), and the head-name prefix search (LIKE '张%' under a non-C collation).
    index('households_place_id_idx').on(t.placeId, t.id),
    index('households_head_name_prefix_idx').on(sql`${t.headName} text_pattern_ops`),
  ],
);

export const householdMembers = pgTable(
  'household_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id').notNull().references(() => households.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    idNumberHash: text('id_number_hash'),
    idNumberEnc: text('id_number_enc'),
    birthYear: smallint('birth_year'),
    createdAt: createdAt(),
  },
  // One household's members; a member's ID on another household (duplicate flags, search by ID).
  (t) => [index('household_members_household_idx').on(t.householdId), index('household_members_id_hash_idx').on(t.idNumberHash).where(sql`${t.idNumberHash} IS NOT NULL`)],
);

/**
 * One damage fact per household and key, with the resident's declaration and the cadre's
 * verification side by side. Values are JSON scalars (boolean, grade letter, count).
 * Eligibility reads only `verifiedValue`.
 */
export const householdFacts = pgTable(
  'household_facts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id').notNull().references(() => households.id, { onDelete: 'cascade' }),
    key: factKeyEnum('key').notNull(),
    declaredValue: jsonb('declared_value'),
    declaredAt: ts('declared_at'),
    declaredBy: uuid('declared_by').references(() => users.id),
    verifiedValue: jsonb('verified_value'),
    verifiedAt: ts('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifyMethod: verifyMethodEnum('verify_method'),
    verifyNote: text('verify_note'),
    /** From an appraisal report (verify_method = 'appraisal'): the report's grade A–D and who appraised. */
    appraisalGrade: safetyGradeEnum('appraisal_grade'),
    appraiser: text('appraiser'),
  },
  (t) => [
    unique('household_facts_key_uq').on(t.householdId, t.key),
    check('household_facts_appraisal_only', sql`${t.verifyMethod} = 'appraisal' OR (${t.appraisalGrade} IS NULL AND ${t.appraiser} IS NULL)`),
    // Grade-D households (verified, else declared): visit coverage, rounds owed, "needs a visit".
    index('household_facts_grade_d_idx').on(t.householdId).where(sql`${t.key} = 'safetyGrade' AND coalesce(${t.verifiedValue}, ${t.declaredValue}) = '"D"'::jsonb`),
    // Facts declared and not yet verified (or declared again since): the cadre's "awaiting verification" filter.
    // 免申即享 enrolment (db/queries/enrolment.ts): households whose "affected" is verified true, without reading every fact.
    index('household_facts_affected_verified_idx').on(t.householdId).where(sql`${t.key} = 'affected' AND ${t.verifiedValue} = 'true'::jsonb`),
    index('household_facts_awaiting_idx').on(t.householdId).where(sql`${t.declaredValue} IS NOT NULL AND (${t.verifiedValue} IS NULL OR ${t.declaredAt} > ${t.verifiedAt})`),
  ],
);

/** Programmes and their parameters (amounts, materials): data that officials edit. */
export const programmes = pgTable('programmes', {
  code: programmeCodeEnum('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  params: jsonb('params').notNull(),
  needsApplication: boolean('needs_application').notNull().default(true),
  noticeDays: smallint('notice_days').notNull().default(0),
  active: boolean('active').notNull().default(true),
  /** Bumped by every change an official saves; each version is kept in programme_versions. */
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/**
 * Every version of a programme's settings as saved (issue 10 item 3): what the amounts, notice
 * days and open/closed were, who changed them, when and why. A decided case keeps the
 * entitlement frozen on it (applications.entitlement); this table says which settings were in
 * force at any time.
 */
export const programmeVersions = pgTable(
  'programme_versions',
  {
    programmeCode: programmeCodeEnum('programme_code').notNull().references(() => programmes.code),
    version: integer('version').notNull(),
    params: jsonb('params').notNull(),
    noticeDays: smallint('notice_days').notNull(),
    active: boolean('active').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: ts('changed_at').notNull().defaultNow(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.programmeCode, t.version] })],
);

/** Time limits for grievances per category (PRODUCT.md: default 3 days to respond, 15 to resolve), edited by officials. */
export const grievanceLimits = pgTable(
  'grievance_limits',
  {
    category: grievanceCategoryEnum('category').primaryKey(),
    respondDays: smallint('respond_days').notNull().default(3),
    resolveDays: smallint('resolve_days').notNull().default(15),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('grievance_limits_respond_range', sql`${t.respondDays} BETWEEN 1 AND 30`),
    check('grievance_limits_resolve_range', sql`${t.resolveDays} BETWEEN 1 AND 90`),
    check('grievance_limits_order', sql`${t.resolveDays} >= ${t.respondDays}`),
  ],
);

/** One run of 免申即享 enrolment (issue 10 item 4): who enrolled how many households, for how much, under which settings. */
export const enrolmentRuns = pgTable('enrolment_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeCode: programmeCodeEnum('programme_code').notNull().references(() => programmes.code),
  /** Null when the demo seed ran it. */
  runBy: uuid('run_by').references(() => users.id),
  at: ts('at').notNull().defaultNow(),
  enrolled: integer('enrolled').notNull(),
  amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
  skippedUnverified: integer('skipped_unverified').notNull().default(0),
  programmeVersion: integer('programme_version').notNull(),
});

export const stockPoints = pgTable('stock_points', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  placeId: integer('place_id').notNull().references(() => places.id),
  address: text('address').notNull().default(''),
  /** A closed point takes no new reservations; what it holds stays on its ledger. */
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown to people: e.g. ZZ-2026-000123. */
    reference: text('reference').notNull().unique(),
    householdId: uuid('household_id').notNull().references(() => households.id),
    programmeCode: programmeCodeEnum('programme_code').notNull().references(() => programmes.code),
    status: applicationStatusEnum('status').notNull().default('draft'),
    version: integer('version').notNull().default(1),
    answers: jsonb('answers').notNull().default({}),
    /** What the rule granted at recommendation/approval time, frozen so later edits to params do not change a decided case. */
    entitlement: jsonb('entitlement'),
    /** Client-supplied key so a retried or double-clicked submit finds the same application. */
    idempotencyKey: text('idempotency_key').unique(),
    createdBy: uuid('created_by').references(() => users.id),
    onBehalf: boolean('on_behalf').notNull().default(false),
    submittedAt: ts('submitted_at'),
    recommendedBy: uuid('recommended_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    rejectedAt: ts('rejected_at'),
    rejectionFinal: boolean('rejection_final').notNull().default(false),
    returnReason: text('return_reason'),
    noticeStartsAt: ts('notice_starts_at'),
    noticeEndsAt: ts('notice_ends_at'),
    stockPointId: integer('stock_point_id').references(() => stockPoints.id),
    /** Set when an official's 免申即享 run created the case (no application was made). */
    enrolmentRunId: uuid('enrolment_run_id').references(() => enrolmentRuns.id),
    pickupCode: text('pickup_code').unique(),
    fulfilledAt: ts('fulfilled_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One OPEN application per household and programme (PRODUCT.md): a withdrawn or refused one
    // stays as history, and the household may apply again (server/applications/save-application.ts
    // decides when: after a withdrawal, or a final refusal once verified facts changed; issue 9 item 8).
    uniqueIndex('applications_household_programme_open_uq').on(t.householdId, t.programmeCode).where(sql`${t.status} NOT IN ('withdrawn', 'rejected')`),
    index('applications_household_programme_idx').on(t.householdId, t.programmeCode),
    index('applications_status_idx').on(t.status, t.programmeCode),
    // The verification queue: one status, oldest submission first (docs/performance.md, Q1).
    index('applications_status_submitted_idx').on(t.status, t.submittedAt),
    // The cadre's queue (db/queries/queue.ts): drafts in creation order; every other case by its
    // submission time, or its creation time when it was never submitted (a 免申即享 enrolment
    // creates it approved), across states and one state at a time (migration 0026).
    index('applications_draft_created_idx').on(t.createdAt, t.id).where(sql`${t.status} = 'draft'`),
    index('applications_sent_sort_idx').on(sql`coalesce(${t.submittedAt}, ${t.createdAt})`, t.id).where(sql`${t.status} <> 'draft'`),
    index('applications_status_sort_idx').on(t.status, sql`coalesce(${t.submittedAt}, ${t.createdAt})`, t.id).where(sql`${t.status} <> 'draft'`),
    // The cadre's hand-out queue: approved cases of one programme, oldest decision first.
    index('applications_approved_decided_idx').on(t.programmeCode, t.decidedAt, t.id).where(sql`${t.status} = 'approved'`),
    // The decisions ledger (/county/decisions export): every decided case, newest decision first, in keyset batches.
    index('applications_decided_at_id_idx').on(t.decidedAt, t.id).where(sql`${t.decidedAt} IS NOT NULL`),
    // The officials' decision queue (/county/decisions), one group at a time in keyset pages:
    // recommended and appealed cases by (status, updated_at, id); cases in public notice by
    // (notice_ends_at, id), which also counts the notices that are over (~12k rows at most).
    index('applications_decision_ready_idx').on(t.status, t.updatedAt, t.id).where(sql`${t.status} IN ('recommended', 'appealed')`),
    index('applications_notice_ends_idx').on(t.noticeEndsAt, t.id).where(sql`${t.status} = 'in_public_notice'`),
    check('applications_version_pos', sql`${t.version} >= 1`),
    // A case waiting for verification has its submission time: the cadre's queue sorts and pages
    // 'submitted' cases by it (db/queries/queue.ts). Cases that were never submitted (a 免申即享
    // enrolment, created approved) keep it NULL; the rule is only about status 'submitted' (0027).
    check('applications_submitted_has_time', sql`${t.status} <> 'submitted' OR ${t.submittedAt} IS NOT NULL`),
  ],
);

/**
 * Rollup for the dashboards: how many applications there are per household place × programme ×
 * status. Kept by a statement trigger on applications (migration 0005), so every writer counts
 * (use cases, the demo seed, the county generator's COPY) within its own transaction; county
 * figures read these few thousand rows instead of scanning every application.
 * `updated_at` is when the row last changed: the dashboard shows the newest one as "as of".
 */
export const applicationCounts = pgTable(
  'application_counts',
  {
    placeId: integer('place_id').notNull(),
    programmeCode: programmeCodeEnum('programme_code').notNull(),
    status: applicationStatusEnum('status').notNull(),
    n: integer('n').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  // No CHECK (n >= 0) on purpose: a count that drifted must never make a resident's submission fail.
  (t) => [primaryKey({ columns: [t.placeId, t.programmeCode, t.status] })],
);

/*
 * The dashboard's timing figures (db/queries/dashboard.ts placeTiming) per household place, kept
 * like application_counts by statement-level triggers on applications and on households that
 * move (migration 0022) in the transaction of every change, so the median, the 90th percentile,
 * the weekly trend and the overdue count read a few thousand rows instead of every case.
 * Rows that fall to zero are kept (their `updated_at` is still the time of a change); reads skip
 * them. No CHECK (n >= 0), as for application_counts.
 */

/** Decided cases (submitted_at and decided_at set, decided_at >= submitted_at) by whole days from submission to decision (floor). */
export const decisionDays = pgTable(
  'decision_days',
  {
    placeId: integer('place_id').notNull(),
    days: smallint('days').notNull(),
    n: integer('n').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.days] })],
);

/** Cases submitted and cases decided per CST week (the Monday that starts it, Asia/Shanghai) of submitted_at and decided_at. */
export const caseWeeks = pgTable(
  'case_weeks',
  {
    placeId: integer('place_id').notNull(),
    week: date('week').notNull(),
    submitted: integer('submitted').notNull().default(0),
    decided: integer('decided').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.week] })],
);

/** Cases in status `submitted` (waiting for a cadre's verification) by the CST date of submitted_at. */
export const waitingDays = pgTable(
  'waiting_days',
  {
    placeId: integer('place_id').notNull(),
    day: date('day').notNull(),
    n: integer('n').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.day] })],
);

/**
 * Figures per household place (village or compound) that the dashboards would otherwise count
 * over the whole county on every view: households, grade-D households and their visit rounds,
 * grievances by state and their satisfaction. Kept exact without scanning: triggers (migration
 * 0006) append the place of every change to `place_figures_dirty`, and a reader recomputes only
 * the dirty places of its scope, plus those where an open grievance has since passed a deadline
 * (`next_due_at`), before it reads (db/queries/place-figures.ts). `computed_at` is "as of".
 */
export const placeFigures = pgTable('place_figures', {
  placeId: integer('place_id').primaryKey(),
  households: integer('households').notNull().default(0),
  gradeD: integer('grade_d').notNull().default(0),
  gradeDRound1: integer('grade_d_round1').notNull().default(0),
  gradeDRound2: integer('grade_d_round2').notNull().default(0),
  gradeDRound3: integer('grade_d_round3').notNull().default(0),
  /** Grade-D households with all three rounds (1, 2 and 3) done. */
  gradeDComplete: integer('grade_d_complete').notNull().default(0),
  grievancesOpen: integer('grievances_open').notNull().default(0),
  grievancesOverdue: integer('grievances_overdue').notNull().default(0),
  grievancesResolved: integer('grievances_resolved').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  ratingCount: integer('rating_count').notNull().default(0),
  /** The earliest deadline of an open grievance not yet overdue when computed: past it, the overdue count is stale. */
  nextDueAt: ts('next_due_at'),
  computedAt: ts('computed_at').notNull().defaultNow(),
});

/** Places whose figures changed since they were computed; append-only for writers (no row locks), emptied by the reader that recomputes. */
export const placeFiguresDirty = pgTable('place_figures_dirty', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  placeId: integer('place_id').notNull(),
});

/**
 * Audit rows written during a transaction wait here until it commits; a deferred trigger then
 * chains them into audit_events (migration 0006), so the chain's lock is held for the commit
 * alone instead of from the first audit write to the end of the transaction.
 */
export const auditPending = pgTable('audit_pending', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  actorId: uuid('actor_id'),
  actorRole: text('actor_role'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  success: boolean('success').notNull(),
  ip: text('ip'),
  details: jsonb('details'),
});

/**
 * One counter that moves, in commit order, whenever a committed transaction changed a rollup
 * (application_counts, place_figures): a deferred trigger bumps it at commit under the audit
 * chain's lock (migration 0007). Dashboards keep their aggregated figures in memory and reuse
 * them while the counter has not moved (db/queries/rollups.ts).
 */
export const rollupClock = pgTable('rollup_clock', {
  id: smallint('id').primaryKey(),
  tick: bigint('tick', { mode: 'number' }).notNull(),
  /** New with every database (or reset): a memo from another database never matches. */
  epoch: uuid('epoch').notNull().defaultRandom(),
});

/**
 * The public notice board's read model: one row per case in public notice, with its household's
 * place path, in the board's order by index (programme, place, end of notice, id). Kept by a
 * trigger on applications (migration 0008) in the transaction of every change, so the board
 * reads 50 rows in index order instead of joining and sorting every case in notice.
 */
export const noticeEntries = pgTable(
  'notice_entries',
  {
    applicationId: uuid('application_id').primaryKey().references(() => applications.id, { onDelete: 'cascade' }),
    programmeCode: programmeCodeEnum('programme_code').notNull(),
    placePath: text('place_path').notNull(),
    /** The end of the notice ('infinity' when not set), so that the order needs no expression. */
    endsAt: ts('ends_at').notNull(),
  },
  (t) => [index('notice_entries_order_idx').on(t.programmeCode, t.placePath, t.endsAt, t.applicationId)],
);

/**
 * Relatives a staff member declared (conflict of interest, issue 9 item 7), by the keyed hash
 * of the relative's ID number, so that a relative who registers or is registered later is
 * covered too. A household whose head or a member carries the staff member's own ID hash or a
 * declared relative's is one they may not act on (lib/permissions.ts dutyConflict).
 */
export const staffRelatives = pgTable(
  'staff_relatives',
  {
    staffUserId: uuid('staff_user_id').notNull().references(() => users.id),
    idNumberHash: text('id_number_hash').notNull(),
    /** The ID number masked for the person's own list (1306**********123X); never the number. */
    idNumberMasked: text('id_number_masked').notNull(),
    relation: text('relation').notNull(),
    declaredAt: ts('declared_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.idNumberHash] })],
);

/** The timeline of one application: every transition, who (role), and why. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    fromStatus: applicationStatusEnum('from_status'),
    toStatus: applicationStatusEnum('to_status').notNull(),
    reason: text('reason'),
    details: jsonb('details'),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
);

/**
 * Append-only audit log (TRUST I5). Triggers (migration 0001) refuse UPDATE/DELETE/TRUNCATE
 * and chain each row to the previous one by hash.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    success: boolean('success').notNull(),
    ip: text('ip'),
    details: jsonb('details'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entity, t.entityId),
    index('audit_events_at_idx').on(t.at),
    // The officials' audit search (/county/audit), newest first in keyset pages by id: by person, and by action.
    index('audit_events_actor_id_idx').on(t.actorId, t.id),
    index('audit_events_action_id_idx').on(t.action, t.id),
  ],
);

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id').notNull().references(() => users.id),
    householdId: uuid('household_id').references(() => households.id),
    applicationId: uuid('application_id').references(() => applications.id),
    grievanceId: uuid('grievance_id'),
    visitId: uuid('visit_id'),
    kind: uploadKindEnum('kind').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Generated name inside the storage backend (never the uploaded file name). */
    storageKey: text('storage_key').notNull().unique(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('uploads_household_idx').on(t.householdId), check('uploads_size_limit', sql`${t.sizeBytes} > 0 AND ${t.sizeBytes} <= 10485760`)],
);

export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id').notNull().references(() => households.id),
    cadreId: uuid('cadre_id').notNull().references(() => users.id),
    visitedOn: date('visited_on').notNull(),
    round: smallint('round').notNull(),
    findings: text('findings').notNull(),
    needs: text('needs').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    unique('visits_household_round_uq').on(t.householdId, t.round),
    check('visits_round_range', sql`${t.round} BETWEEN 1 AND 9`),
    // A cadre's own latest visits (/cadre/visits), newest first.
    index('visits_cadre_created_idx').on(t.cadreId, t.createdAt, t.id),
    // The visits list and ledger (/county/visits, /cadre/visits), newest visit day first in keyset pages.
    index('visits_visited_on_id_idx').on(t.visitedOn, t.id),
  ],
);

export const grievances = pgTable(
  'grievances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    householdId: uuid('household_id').references(() => households.id),
    filedBy: uuid('filed_by').notNull().references(() => users.id),
    onBehalf: boolean('on_behalf').notNull().default(false),
    placeId: integer('place_id').notNull().references(() => places.id),
    category: grievanceCategoryEnum('category').notNull(),
    description: text('description').notNull(),
    status: grievanceStatusEnum('status').notNull().default('open'),
    version: integer('version').notNull().default(1),
    respondBy: ts('respond_by').notNull(),
    resolveBy: ts('resolve_by').notNull(),
    respondedAt: ts('responded_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    reopenCount: smallint('reopen_count').notNull().default(0),
    /** 督办: a county official flagged it for the place's cadres, with what must happen (issue 11 item 4). */
    escalatedAt: ts('escalated_at'),
    escalatedBy: uuid('escalated_by').references(() => users.id),
    escalationNote: text('escalation_note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('grievances_place_status_idx').on(t.placeId, t.status),
    // A resident's own grievances: filed by them, or about their household.
    index('grievances_filed_by_idx').on(t.filedBy),
    index('grievances_household_idx').on(t.householdId),
    // A cadre's grievance list in keyset pages: open ones by their next deadline, finished ones by when they finished.
    index('grievances_place_active_due_idx')
      .on(t.placeId, sql`(CASE WHEN ${t.respondedAt} IS NULL AND ${t.status} <> 'responded' THEN ${t.respondBy} ELSE ${t.resolveBy} END)`, t.id)
      .where(sql`${t.status} IN ('open', 'responded', 'reopened')`),
    index('grievances_place_finished_idx')
      .on(t.placeId, sql`(coalesce(${t.closedAt}, ${t.resolvedAt}, ${t.createdAt}))`, t.id)
      .where(sql`${t.status} NOT IN ('open', 'responded', 'reopened')`),
    check('grievances_rating_range', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
  ],
);

export const grievanceEvents = pgTable('grievance_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  grievanceId: uuid('grievance_id').notNull().references(() => grievances.id),
  at: ts('at').notNull().defaultNow(),
  actorId: uuid('actor_id').references(() => users.id),
  actorRole: text('actor_role').notNull(),
  action: text('action').notNull(),
  toStatus: grievanceStatusEnum('to_status').notNull(),
  note: text('note'),
});

/** Objections lodged against a household in public notice (公示); a cadre must answer before approval. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    filedBy: uuid('filed_by').notNull().references(() => users.id),
    reason: text('reason').notNull(),
    status: objectionStatusEnum('status').notNull().default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: ts('answered_at'),
    createdAt: createdAt(),
  },
  // A case's objections (the decision waits for answers) and the viewer's own open ones on the board.
  (t) => [
    index('objections_application_idx').on(t.applicationId),
    index('objections_filed_by_idx').on(t.filedBy, t.status),
    index('objections_open_created_idx').on(t.createdAt, t.id).where(sql`${t.status} = 'open'`),
  ],
);

/** Available = not yet reserved; on hand = physically at the point. Both can never go below zero. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    pointId: integer('point_id').notNull().references(() => stockPoints.id),
    material: materialEnum('material').notNull(),
    onHandKg: bigint('on_hand_kg', { mode: 'number' }).notNull().default(0),
    availableKg: bigint('available_kg', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.pointId, t.material] }),
    check('stock_on_hand_nonneg', sql`${t.onHandKg} >= 0`),
    check('stock_available_nonneg', sql`${t.availableKg} >= 0`),
    check('stock_available_le_on_hand', sql`${t.availableKg} <= ${t.onHandKg}`),
  ],
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pointId: integer('point_id').notNull().references(() => stockPoints.id),
    material: materialEnum('material').notNull(),
    kind: movementKindEnum('kind').notNull(),
    /** Change to available (reserve −, release +, receive +) … */
    availableDeltaKg: bigint('available_delta_kg', { mode: 'number' }).notNull(),
    /** … and to on hand (receive +, issue −). */
    onHandDeltaKg: bigint('on_hand_delta_kg', { mode: 'number' }).notNull(),
    applicationId: uuid('application_id').references(() => applications.id),
    actorId: uuid('actor_id').references(() => users.id),
    /** Receipts and corrections: the delivery note number, or why a level was corrected. */
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  // What a case still holds (reserved, not yet issued or released) is summed over its own movements.
  (t) => [
    index('stock_movements_application_idx').on(t.applicationId).where(sql`${t.applicationId} IS NOT NULL`),
    // A point's ledger newest first in keyset pages, and its hand-outs to date (/county/stock).
    index('stock_movements_point_id_idx').on(t.pointId, t.id),
  ],
);

export const budgets = pgTable(
  'budgets',
  {
    programmeCode: programmeCodeEnum('programme_code').primaryKey().references(() => programmes.code),
    totalYuan: bigint('total_yuan', { mode: 'number' }).notNull(),
    /** Total minus everything committed (approved or enrolled, paid or not). */
    remainingYuan: bigint('remaining_yuan', { mode: 'number' }).notNull(),
    /** Of what is committed, what the bank has paid. Committed and unpaid = total − remaining − paid. */
    paidYuan: bigint('paid_yuan', { mode: 'number' }).notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('budgets_remaining_nonneg', sql`${t.remainingYuan} >= 0`),
    check('budgets_remaining_le_total', sql`${t.remainingYuan} <= ${t.totalYuan}`),
    check('budgets_paid_range', sql`${t.paidYuan} >= 0 AND ${t.paidYuan} <= ${t.totalYuan} - ${t.remainingYuan}`),
  ],
);

/** The budget ledger: every change to a budget line, so its figures can be traced and summed back (issue 10 item 5). */
export const budgetMovements = pgTable(
  'budget_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programmeCode: programmeCodeEnum('programme_code').notNull().references(() => budgets.programmeCode),
    kind: budgetMovementKindEnum('kind').notNull(),
    totalDeltaYuan: bigint('total_delta_yuan', { mode: 'number' }).notNull().default(0),
    remainingDeltaYuan: bigint('remaining_delta_yuan', { mode: 'number' }).notNull().default(0),
    paidDeltaYuan: bigint('paid_delta_yuan', { mode: 'number' }).notNull().default(0),
    applicationId: uuid('application_id').references(() => applications.id),
    batchId: uuid('batch_id'),
    enrolmentRunId: uuid('enrolment_run_id').references(() => enrolmentRuns.id),
    actorId: uuid('actor_id').references(() => users.id),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('budget_movements_programme_at_idx').on(t.programmeCode, t.at, t.id), index('budget_movements_application_idx').on(t.applicationId).where(sql`${t.applicationId} IS NOT NULL`)],
);

/**
 * Where a household's cash is paid (issue 10 item 6): a bank card or the social-security card
 * (一卡通). The account number is sealed like an ID number (lib/pii.ts sealPii) and shown as its
 * last four digits; only staff who may reveal see it whole, audited.
 */
export const payeeAccounts = pgTable('payee_accounts', {
  householdId: uuid('household_id').primaryKey().references(() => households.id),
  kind: payeeAccountKindEnum('kind').notNull(),
  bankName: text('bank_name').notNull(),
  holderName: text('holder_name').notNull(),
  accountEnc: text('account_enc').notNull(),
  accountLast4: text('account_last4').notNull(),
  capturedBy: uuid('captured_by').references(() => users.id),
  capturedRole: text('captured_role').notNull(),
  capturedAt: ts('captured_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const paymentBatches = pgTable('payment_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull().unique(),
  programmeCode: programmeCodeEnum('programme_code').notNull().references(() => programmes.code),
  status: batchStatusEnum('status').notNull().default('draft'),
  totalYuan: bigint('total_yuan', { mode: 'number' }).notNull().default(0),
  itemCount: integer('item_count').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
  sentBy: uuid('sent_by').references(() => users.id),
  sentAt: ts('sent_at'),
  closedBy: uuid('closed_by').references(() => users.id),
  closedAt: ts('closed_at'),
});

export const paymentItems = pgTable(
  'payment_items',
  {
    batchId: uuid('batch_id').notNull().references(() => paymentBatches.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    status: paymentItemStatusEnum('status').notNull().default('pending'),
    /** Why the bank returned it (wrong account, closed card…), when it failed. */
    failureReason: text('failure_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.applicationId] }),
    // A case is never in two batches at once: a failed item frees it for the next batch.
    uniqueIndex('payment_items_application_live_uq').on(t.applicationId).where(sql`${t.status} <> 'failed'`),
    check('payment_items_amount_pos', sql`${t.amountYuan} > 0`),
  ],
);

/** Heating and property companies that receive the fee-waiver lists (issue 10 item 7). */
export const serviceCompanies = pgTable(
  'service_companies',
  {
    id: serial('id').primaryKey(),
    kind: companyKindEnum('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    contact: text('contact').notNull().default(''),
    active: boolean('active').notNull().default(true),
  },
  (t) => [unique('service_companies_kind_name_uq').on(t.kind, t.name)],
);

/** Which company serves a place (and everything below it, unless a lower place names its own). */
export const placeCompanies = pgTable(
  'place_companies',
  {
    placeId: integer('place_id').notNull().references(() => places.id),
    kind: companyKindEnum('kind').notNull(),
    companyId: integer('company_id').notNull().references(() => serviceCompanies.id),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.kind] })],
);

/** A waiver list exported to one company; its confirmation fulfils the cases on it. */
export const waiverLists = pgTable('waiver_lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull().unique(),
  programmeCode: programmeCodeEnum('programme_code').notNull().references(() => programmes.code),
  companyId: integer('company_id').notNull().references(() => serviceCompanies.id),
  status: waiverListStatusEnum('status').notNull().default('exported'),
  itemCount: integer('item_count').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
  confirmedBy: uuid('confirmed_by').references(() => users.id),
  confirmedAt: ts('confirmed_at'),
  confirmationNote: text('confirmation_note'),
});

export const waiverListItems = pgTable(
  'waiver_list_items',
  {
    listId: uuid('list_id').notNull().references(() => waiverLists.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    /** False once the list is cancelled: the case may go on a new list. */
    live: boolean('live').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.listId, t.applicationId] }), uniqueIndex('waiver_list_items_application_live_uq').on(t.applicationId).where(sql`${t.live}`)],
);

/**
 * Free repair: one work order per damaged unit, made when the repair case is approved
 * (server/applications/transition-application.ts; migration 0009 made them for cases approved
 * before). `unit_no` numbers the units of one kind, so making them twice cannot double them.
 * A unit the team cannot repair is closed as cancelled WITH `impossible_reason`: that unit is
 * then free for the replacement subsidy (lib/programs/appliance-subsidy.ts); a unit with an
 * open, scheduled or done order is not.
 */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    appliance: text('appliance').notNull(),
    unitNo: integer('unit_no').notNull().default(1),
    status: workOrderStatusEnum('status').notNull().default('open'),
    scheduledFor: ts('scheduled_for'),
    closedAt: ts('closed_at'),
    impossibleReason: text('impossible_reason'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    unique('work_orders_unit_uq').on(t.applicationId, t.appliance, t.unitNo),
    check('work_orders_appliance_known', sql`${t.appliance} IN ('boiler', 'heatPump')`),
    check('work_orders_impossible_cancelled', sql`${t.impossibleReason} IS NULL OR ${t.status} = 'cancelled'`),
    check('work_orders_closed_at', sql`(${t.status} IN ('done', 'cancelled')) = (${t.closedAt} IS NOT NULL)`),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** i18n key under `notifications.*`, rendered in the reader's language. */
    kind: text('kind').notNull(),
    params: jsonb('params').notNull().default({}),
    link: text('link'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt), index('notifications_user_created_idx').on(t.userId, t.createdAt, t.id)],
);

/** Delivery queue behind the one notifier interface; an SMS gateway drains it later. */
export const notificationOutbox = pgTable('notification_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  notificationId: uuid('notification_id').notNull().references(() => notifications.id),
  channel: text('channel').notNull(),
  status: outboxStatusEnum('status').notNull().default('pending'),
  attempts: smallint('attempts').notNull().default(0),
  lastError: text('last_error'),
  sentAt: ts('sent_at'),
  createdAt: createdAt(),
});

/**
 * Sessions ended before their time by signing out (TRUST S5). A session is a signed cookie,
 * so the server keeps the ids it must refuse; a row is useless after the session's absolute
 * lifetime (12 h) and is cleared then. Ending every session of a person bumps
 * users.session_version instead.
 */
export const endedSessions = pgTable(
  'ended_sessions',
  {
    sid: text('sid').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endedAt: ts('ended_at').notNull().defaultNow(),
  },
  (t) => [index('ended_sessions_ended_at_idx').on(t.endedAt)],
);

export type Place = typeof places.$inferSelect;
export type NewPlace = typeof places.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Household = typeof households.$inferSelect;
export type NewHousehold = typeof households.$inferInsert;
export type HouseholdFact = typeof householdFacts.$inferSelect;
export type NewHouseholdFact = typeof householdFacts.$inferInsert;
export type Programme = typeof programmes.$inferSelect;
export type NewProgramme = typeof programmes.$inferInsert;
export type Application = typeof applications.$inferSelect;
export type NewApplication = typeof applications.$inferInsert;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type Upload = typeof uploads.$inferSelect;
export type Visit = typeof visits.$inferSelect;
export type Grievance = typeof grievances.$inferSelect;
export type Objection = typeof objections.$inferSelect;
export type StockPoint = typeof stockPoints.$inferSelect;
export type StockLevel = typeof stockLevels.$inferSelect;
export type Budget = typeof budgets.$inferSelect;
export type BudgetMovement = typeof budgetMovements.$inferSelect;
export type ProgrammeVersion = typeof programmeVersions.$inferSelect;
export type GrievanceLimit = typeof grievanceLimits.$inferSelect;
export type EnrolmentRun = typeof enrolmentRuns.$inferSelect;
export type PayeeAccount = typeof payeeAccounts.$inferSelect;
export type PaymentBatch = typeof paymentBatches.$inferSelect;
export type PaymentItem = typeof paymentItems.$inferSelect;
export type ServiceCompany = typeof serviceCompanies.$inferSelect;
export type WaiverList = typeof waiverLists.$inferSelect;
export type WorkOrder = typeof workOrders.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
