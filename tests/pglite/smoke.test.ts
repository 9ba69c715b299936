// Smoke run on the embedded default: the same migrations and the demo seed on a fresh
// in-memory PGlite, and the promises the seed makes (README, PRODUCT.md, TRUST.md P1, I5).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { openDb, type Db } from '@/db/client';
import { applyMigrations, MIGRATIONS_FOLDER } from '@/db/migrate';
import { verifyAuditChain } from '@/db/queries/audit';
import { isAuditAction } from '@/lib/audit/actions';
import { seedDemo } from '@/db/seed';
import { APPLICATION_STATUSES, PROGRAMME_CODES, type FactKey, type HouseholdKind, type ProgrammeCode } from '@/lib/domain';
import { factsFromRows } from '@/lib/facts';
import { evaluate, PROGRAMMES } from '@/lib/programs';
import { openPii, lookupHash } from '@/lib/protect';
import { pickupLapsed } from '@/lib/pickup-window';

// lib/env is read lazily: point it at a temp folder in demo mode before the first use, so the
// seed's PII keys are generated there (never the developer's .data or shell secrets).
const dataDir = mkdtempSync(path.join(tmpdir(), 'relief-pglite-'));
process.env.DATA_DIR = dataDir;
process.env.DEMO_MODE = '1';
delete process.env.DATABASE_URL;
delete process.env.PII_ENC_KEYS;
delete process.env.PII_HMAC_KEY;
delete (globalThis as { __reliefEnv?: unknown }).__reliefEnv;

let client: PGlite;
let db: Db;
const timings: Record<string, number> = {};

async function rows<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(text, params)).rows;
}

beforeAll(async () => {
  let t0 = performance.now();
  client = new PGlite();
  await client.waitReady;
  timings.boot = performance.now() - t0;
  db = openDb({ pglite: client }).db;
  t0 = performance.now();
  await applyMigrations(db, 'pglite');
  timings.migrate = performance.now() - t0;
  t0 = performance.now();
  const first = await seedDemo(db);
  timings.seed = performance.now() - t0;
  expect(first).toEqual({ seeded: true });
});

afterAll(async () => {
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`[pglite smoke] boot ${(timings.boot! / 1000).toFixed(1)} s, migrate ${(timings.migrate! / 1000).toFixed(2)} s, seed ${(timings.seed! / 1000).toFixed(1)} s`);
});

/** How many migrations db/migrations holds (its journal), so adding one does not break this test. */
const MIGRATION_COUNT = (JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe('migrations + demo seed on PGlite', () => {
  it('creates the audit triggers and records every migration', async () => {
    const [m] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(m!.n).toBe(MIGRATION_COUNT);
    const triggers = (await rows<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`)).map((r) => r.tgname);
    expect(triggers).toEqual(['audit_events_chain_trg', 'audit_events_no_truncate', 'audit_events_no_update']);
    // Applying again changes nothing.
    await applyMigrations(db, 'pglite');
    const [m2] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(m2!.n).toBe(MIGRATION_COUNT);
  });

  it('has the place tree of the source report', async () => {
    const names = new Set((await rows<{ name: string }>(`SELECT name FROM places`)).map((r) => r.name));
    for (const name of ['涿州市', '双塔街道', '刁窝镇', '东城坊镇', '天桥街社区', '永济秀园小区', '万全庄村', '东冯村', '三城村']) expect(names, name).toContain(name);
    // Paths are consistent: every place's path is its parent's path plus its own id.
    const broken = await rows(`SELECT c.id FROM places c LEFT JOIN places p ON p.id = c.parent_id
      WHERE c.path <> coalesce(p.path, '/') || c.id || '/'`);
    expect(broken).toEqual([]);
  });

  it('has at least 300 households, all six programmes, and applications in every status', async () => {
    const [h] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM households`);
    expect(h!.n).toBeGreaterThanOrEqual(300);
    const programmes = (await rows<{ code: string }>(`SELECT code FROM programmes`)).map((r) => r.code).sort();
    expect(programmes).toEqual([...PROGRAMME_CODES].sort());
    const byStatus = new Map((await rows<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM applications GROUP BY status`)).map((r) => [r.status, r.n]));
    for (const status of APPLICATION_STATUSES) expect(byStatus.get(status) ?? 0, status).toBeGreaterThan(0);
    // Every application has a timeline, except drafts (nothing happened to them yet).
    const [noEvents] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM applications a
      WHERE a.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id)`);
    expect(noEvents!.n).toBe(0);
  });

  it('dates nothing in the future, and no approved voucher has passed its pickup window', async () => {
    const [future] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM applications WHERE greatest(submitted_at, decided_at, fulfilled_at, updated_at) > now()`,
    );
    expect(future!.n).toBe(0);
    const [events] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM application_events WHERE at > now()`);
    expect(events!.n).toBe(0);
    const approved = await rows<{ decided_at: Date }>(`SELECT decided_at FROM applications WHERE programme_code = 'building_materials' AND status = 'approved'`);
    expect(approved.length).toBeGreaterThan(0);
    for (const a of approved) expect(pickupLapsed(a.decided_at, new Date())).toBe(false);
  });

  it('gives household members birth years that fit the head’s: spouses close, parents older, children and grandchildren younger, nobody unborn', async () => {
    const members = await rows<{ relation: string; birth_year: number; head_id: string }>(
      `SELECT m.relation, m.birth_year, h.head_id_number_enc AS head_id FROM household_members m JOIN households h ON h.id = m.household_id`,
    );
    expect(members.length).toBeGreaterThan(0);
    const thisYear = new Date().getUTCFullYear();
    for (const m of members) {
      const head = Number(openPii(m.head_id).slice(6, 10));
      const gap = m.birth_year - head;
      const what = `${m.relation} born ${m.birth_year}, head ${head}`;
      expect(m.birth_year, what).toBeLessThan(thisYear);
      if (m.relation === '配偶') expect(Math.abs(gap), what).toBeLessThanOrEqual(4);
      if (m.relation === '父母') expect(gap, what).toBeLessThanOrEqual(-20);
      if (m.relation === '子女') expect(gap, what).toBeGreaterThanOrEqual(Math.min(20, thisYear - 1 - head));
      if (m.relation === '孙辈') expect(gap, what).toBeGreaterThanOrEqual(Math.min(45, thisYear - 1 - head));
    }
  });

  it('has no case a cadre rejected while a fact its rule needs was unverified (reject only where the rule fails on verified facts)', async () => {
    const rejected = await rows<{ programme_code: ProgrammeCode; kind: HouseholdKind; facts: { key: FactKey; declaredValue: unknown; verifiedValue: unknown }[] | null }>(`
      SELECT a.programme_code, h.kind,
        (SELECT json_agg(json_build_object('key', f.key, 'declaredValue', f.declared_value, 'verifiedValue', f.verified_value)) FROM household_facts f WHERE f.household_id = h.id) AS facts
      FROM applications a JOIN households h ON h.id = a.household_id
      WHERE EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.action = 'reject')`);
    // (Refusals of verified cases are the official's declines, which the other checks count.)
    for (const r of rejected) {
      const verdict = evaluate(r.programme_code, factsFromRows(r.kind, r.facts ?? []).verified, PROGRAMMES[r.programme_code].defaultParams as never);
      expect({ code: r.programme_code, eligible: verdict.eligible, unknown: verdict.unknown }).toEqual({ code: r.programme_code, eligible: false, unknown: false });
    }
  });

  it('has visits, grievances, stock at three points and budgets', async () => {
    const [v] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM visits`);
    expect(v!.n).toBeGreaterThan(0);
    const [g] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM grievances`);
    expect(g!.n).toBeGreaterThan(0);
    const [points] = await rows<{ n: number }>(`SELECT count(DISTINCT point_id)::int AS n FROM stock_levels`);
    // Two fairs with plenty, and 码头镇's small point that is short (e2e/county-stock.spec.ts).
    expect(points!.n).toBe(3);
    // The ledger explains the levels (I3).
    const mismatched = await rows(`SELECT l.point_id, l.material FROM stock_levels l
      LEFT JOIN (SELECT point_id, material, sum(available_delta_kg) AS a, sum(on_hand_delta_kg) AS o FROM stock_movements GROUP BY 1, 2) m
        USING (point_id, material)
      WHERE coalesce(m.a, 0) <> l.available_kg OR coalesce(m.o, 0) <> l.on_hand_kg`);
    expect(mismatched).toEqual([]);
    const [b] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM budgets WHERE remaining_yuan >= 0 AND remaining_yuan <= total_yuan`);
    expect(b!.n).toBeGreaterThan(0);
    // Every approved cash case holds its money committed on the ledger, against itself or its
    // enrolment run, as approval and enrolment commit it: a withdrawal gives exactly that back and
    // a payment batch has nothing left to set aside (db/queries/budgets.ts).
    const [uncommitted] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM applications a
      WHERE a.status = 'approved' AND a.entitlement->>'kind' = 'cash' AND (a.entitlement->>'amountYuan')::bigint > 0
        AND NOT EXISTS (SELECT 1 FROM budget_movements m WHERE m.kind = 'commit' AND (m.application_id = a.id OR m.enrolment_run_id = a.enrolment_run_id))`);
    expect(uncommitted!.n).toBe(0);
    const [ledger] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM budgets b
      LEFT JOIN (SELECT programme_code, sum(total_delta_yuan) AS t, sum(remaining_delta_yuan) AS r, sum(paid_delta_yuan) AS p FROM budget_movements GROUP BY 1) m USING (programme_code)
      WHERE (b.total_yuan, b.remaining_yuan, b.paid_yuan) IS DISTINCT FROM (m.t, m.r, m.p)`);
    expect(ledger!.n).toBe(0);
    // What the lines count paid is what the fulfilled cash cases were entitled to, and every one was
    // paid by the county (mark_paid), never handed over by a cadre (fulfil), which the app refuses.
    const paid = await rows<{ code: string; paid: string; fulfilled: string }>(`SELECT b.programme_code AS code, b.paid_yuan::text AS paid,
        coalesce((SELECT sum((a.entitlement->>'amountYuan')::bigint) FROM applications a WHERE a.programme_code = b.programme_code AND a.status = 'fulfilled' AND a.entitlement->>'kind' = 'cash'), 0)::text AS fulfilled
      FROM budgets b ORDER BY 1`);
    for (const p of paid) expect(p.paid, p.code).toBe(p.fulfilled);
    const [handedCash] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM application_events e JOIN applications a ON a.id = e.application_id
      WHERE e.action = 'fulfil' AND a.entitlement->>'kind' = 'cash'`);
    expect(handedCash!.n).toBe(0);
  });

  it('has the demo accounts of the README, found by the keyed hash of their phone number', async () => {
    const expected = [
      ['13800000001', 'resident'],
      ['13800000002', 'cadre'],
      ['13800000003', 'official'],
    ] as const;
    for (const [phone, role] of expected) {
      const [u] = await rows<{ id: string; role: string; phone_enc: string }>(`SELECT id, role, phone_enc FROM users WHERE phone_hash = $1`, [lookupHash(phone)]);
      expect(u, phone).toBeDefined();
      expect(u!.role).toBe(role);
      expect(openPii(u!.phone_enc)).toBe(phone);
    }
    const cadrePlaces = await rows<{ name: string }>(
      `SELECT p.name FROM user_places up JOIN places p ON p.id = up.place_id JOIN users u ON u.id = up.user_id WHERE u.phone_hash = $1`,
      [lookupHash('13800000002')],
    );
    expect(cadrePlaces.map((p) => p.name)).toEqual(['刁窝镇']);
  });

  it('stores no ID number (or demo phone number) in plain text', async () => {
    const dump = (
      await rows<{ j: string }>(`
        SELECT row_to_json(t)::text AS j FROM households t
        UNION ALL SELECT row_to_json(t)::text FROM users t
        UNION ALL SELECT row_to_json(t)::text FROM household_members t`)
    )
      .map((r) => r.j)
      .join('\n');
    expect(dump.length).toBeGreaterThan(10_000);
    // An 18-character ID standing on its own. (Hex hashes and base64 ciphertexts can contain 18
    // digits in a row by chance, but never bounded by non-alphanumerics.)
    expect(dump.match(/(?<![0-9A-Za-z])[0-9]{17}[0-9X](?![0-9A-Za-z])/g)).toBeNull();
    // And none of the real (decrypted) ID numbers appears anywhere, in any surrounding.
    const ids = (await rows<{ enc: string }>(`SELECT head_id_number_enc AS enc FROM households`)).map((r) => openPii(r.enc));
    expect(ids.length).toBeGreaterThanOrEqual(300);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9]{17}[0-9X]$/);
      expect(dump.includes(id)).toBe(false);
    }
    for (const phone of ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005']) expect(dump.includes(phone), phone).toBe(false);
  });

  it('leaves an intact audit chain', async () => {
    const [n] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`);
    expect(n!.n).toBeGreaterThan(100);
    expect(await verifyAuditChain({ db })).toBeNull();
  });

  it('writes only audit actions the log has words for (the seed writes its rows without writeAudit)', async () => {
    const actions = (await rows<{ action: string }>(`SELECT DISTINCT action FROM audit_events ORDER BY action`)).map((r) => r.action);
    expect(actions.length).toBeGreaterThan(3);
    expect(actions.filter((a) => !isAuditAction(a))).toEqual([]);
  });

  it('seeds only once', async () => {
    const [before] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM households`);
    expect(await seedDemo(db)).toEqual({ seeded: false, reason: 'already_demo' });
    const [after] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM households`);
    expect(after!.n).toBe(before!.n);
  });
});
