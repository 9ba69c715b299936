// Sign-in throttling on a real PostgreSQL server (TRUST S2, I5, P4): five failures lock for
// 15 minutes, an unknown number behaves exactly like a known one, every attempt leaves exactly
// one audit row without the phone number or password in it, and parallel attempts (as from
// several app nodes) cannot slip past the lock.
import { makeHousehold, randomMobile, useTestDatabase, type MadeHousehold } from './helpers';
import { beforeEach, describe, expect, it } from 'vitest';
// The use case under its old name here: `signIn` below is this file's helper around it.
import { signIn as attemptSignIn, LOCK_MINUTES, MAX_FAILED_SIGN_INS, type SignInResult } from '@/server/auth/sign-in';
import { verifyAuditChain } from '@/db/queries/audit';
import { lookupHash } from '@/lib/protect';
import { SIGN_IN_FAILURES_PER_ADDRESS } from '@/db/queries/rate-limit';

const t = useTestDatabase();
// A new documentation-range address per test, so the per-address failure limit of one test
// never carries into the next (that limit has its own test below).
let IP = '203.0.113.7';
let nextHost = 0;
beforeEach(() => {
  IP = `203.0.113.${++nextHost}`;
});

/**
 * Every phone number and password used in this file, to look for them in the audit log. Each has
 * a letter outside 0-9a-f, so none can turn up by chance inside a UUID or a hash of the log
 * ("bad-0" did: a UUID can end a group in "bad" and start the next with 0).
 */
const secrets = new Set<string>();

async function account(): Promise<MadeHousehold> {
  const made = await makeHousehold(t.db, { password: `right-${Math.random().toString(36).slice(2)}` });
  secrets.add(made.phone).add(made.password);
  return made;
}

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_id: string | null;
  success: boolean;
  ip: string | null;
  details: Record<string, unknown> | null;
}

async function auditCount(): Promise<number> {
  const { rows } = await t.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.sign_in'`);
  return rows[0]!.n;
}

/** One attempt, checking that it wrote exactly one audit row; returns the result and that row. */
async function signIn(phone: string, password: string): Promise<{ result: SignInResult; audit: AuditRow }> {
  secrets.add(password);
  const before = await auditCount();
  const result = await attemptSignIn({ db: t.db, phone, password, ip: IP });
  const { rows } = await t.pool.query<AuditRow>(`SELECT * FROM audit_events WHERE action = 'auth.sign_in' ORDER BY id DESC LIMIT 1`);
  expect(await auditCount()).toBe(before + 1);
  const audit = rows[0]!;
  expect(audit.success).toBe(result.status === 'ok');
  expect(audit.ip).toBe(IP);
  return { result, audit };
}

async function userRow(id: string) {
  const { rows } = await t.pool.query<{ failed_sign_ins: number; locked_until: Date | null; last_sign_in_at: Date | null }>(
    `SELECT failed_sign_ins, locked_until, last_sign_in_at FROM users WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

describe('attemptSignIn (S2)', () => {
  it('signs in with the right password and records a successful audit event', async () => {
    const a = await account();
    const { result, audit } = await signIn(a.phone, a.password);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.user).toMatchObject({ id: a.user.id, role: 'resident', name: a.user.realName, sessionVersion: 1 });
    expect(audit).toMatchObject({ success: true, actor_id: a.user.id, actor_role: 'resident', entity_id: a.user.id });
    expect(audit.details?.phone).toBe(`${a.phone.slice(0, 3)}****${a.phone.slice(7)}`);
    expect((await userRow(a.user.id)).last_sign_in_at).not.toBeNull();
  });

  it('accepts the number typed with spaces, dashes or +86', async () => {
    const a = await account();
    const spaced = `+86 ${a.phone.slice(0, 3)}-${a.phone.slice(3, 7)} ${a.phone.slice(7)}`;
    expect((await signIn(spaced, a.password)).result.status).toBe('ok');
  });

  it('locks after five wrong passwords: the sixth attempt is refused even with the right one', async () => {
    const a = await account();
    for (let i = 1; i <= MAX_FAILED_SIGN_INS; i++) {
      const { result, audit } = await signIn(a.phone, `wrong-${i}`);
      expect(result.status, `attempt ${i}`).toBe('invalid');
      expect(audit).toMatchObject({ success: false, entity_id: a.user.id, details: { reason: 'password' } });
    }
    const row = await userRow(a.user.id);
    expect(row.locked_until).not.toBeNull();
    const minutes = (row.locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCK_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCK_MINUTES + 0.1);

    const sixth = await signIn(a.phone, a.password);
    expect(sixth.result.status).toBe('locked');
    expect(sixth.audit).toMatchObject({ success: false, details: { reason: 'locked' } });
    expect((await userRow(a.user.id)).last_sign_in_at).toBeNull();

    // Fifteen minutes later (simulated): the right password works again and the counters reset.
    await t.pool.query(`UPDATE users SET locked_until = now() - interval '1 minute' WHERE id = $1`, [a.user.id]);
    const later = await signIn(a.phone, a.password);
    expect(later.result.status).toBe('ok');
    const after = await userRow(a.user.id);
    expect(after.failed_sign_ins).toBe(0);
    expect(after.locked_until).toBeNull();
    expect(after.last_sign_in_at).not.toBeNull();
  });

  it('resets the failure counter on a successful sign-in', async () => {
    const a = await account();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) expect((await signIn(a.phone, 'nope-nope')).result.status).toBe('invalid');
    expect((await userRow(a.user.id)).failed_sign_ins).toBe(MAX_FAILED_SIGN_INS - 1);
    expect((await signIn(a.phone, a.password)).result.status).toBe('ok');
    expect((await userRow(a.user.id)).failed_sign_ins).toBe(0);
    // So one more failure does not lock.
    expect((await signIn(a.phone, 'nope-nope')).result.status).toBe('invalid');
    expect((await signIn(a.phone, a.password)).result.status).toBe('ok');
  });

  it('answers an unknown number exactly like a known one: invalid ×5, then locked', async () => {
    const known = await account();
    const unknown = randomMobile();
    secrets.add(unknown);
    const knownStatuses: string[] = [];
    const unknownStatuses: string[] = [];
    for (let i = 0; i < MAX_FAILED_SIGN_INS + 1; i++) {
      // The known account's sixth try uses the right password; it is locked all the same.
      knownStatuses.push((await signIn(known.phone, i < MAX_FAILED_SIGN_INS ? `wrong-${i}` : known.password)).result.status);
      const u = await signIn(unknown, `wrong-${i}`);
      unknownStatuses.push(u.result.status);
      expect(u.audit).toMatchObject({ success: false, actor_id: null, entity_id: null });
      expect(u.audit.details?.reason).toBe(i < MAX_FAILED_SIGN_INS ? 'unknown_phone' : 'locked');
    }
    expect(unknownStatuses).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'locked']);
    expect(unknownStatuses).toEqual(knownStatuses);
    const { rows } = await t.pool.query<{ locked_until: Date | null }>(`SELECT locked_until FROM sign_in_throttle WHERE phone_hash = $1`, [lookupHash(unknown)]);
    expect(rows[0]?.locked_until?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a deactivated account with the same answer as a wrong password', async () => {
    const a = await account();
    await t.pool.query(`UPDATE users SET active = false WHERE id = $1`, [a.user.id]);
    const { result, audit } = await signIn(a.phone, a.password);
    expect(result.status).toBe('invalid');
    expect(audit.success).toBe(false);
  });

  for (const k of [5, 7, 10]) {
    it(`${k} concurrent wrong attempts on one account leave it locked, one audit row each`, async () => {
      const a = await account();
      const before = await auditCount();
      const results = await Promise.all(Array.from({ length: k }, (_, i) => attemptSignIn({ db: t.db, phone: a.phone, password: `parallel-${i}`, ip: IP })));
      expect(results.every((r) => r.status === 'invalid' || r.status === 'locked')).toBe(true);
      expect(await auditCount()).toBe(before + k);
      const row = await userRow(a.user.id);
      expect(row.locked_until, `after ${k} parallel failures`).not.toBeNull();
      expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
      expect((await signIn(a.phone, a.password)).result.status).toBe('locked');
    });
  }

  it('30 parallel guesses test at most five passwords: the right one sent last is refused', async () => {
    const a = await account();
    const guesses = Array.from({ length: 29 }, (_, i) => `guess-${i}`).concat(a.password);
    const results = await Promise.all(guesses.map((password) => attemptSignIn({ db: t.db, phone: a.phone, password, ip: IP })));
    const invalid = results.filter((r) => r.status === 'invalid').length;
    const ok = results.filter((r) => r.status === 'ok').length;
    expect(invalid + ok).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
    expect(results.filter((r) => r.status === 'locked').length).toBeGreaterThanOrEqual(30 - MAX_FAILED_SIGN_INS);
  });

  it('30 parallel guesses on an unknown number get at most five "invalid" answers too', async () => {
    const phone = randomMobile();
    secrets.add(phone);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attemptSignIn({ db: t.db, phone, password: `guess-${i}`, ip: IP })));
    expect(results.filter((r) => r.status === 'invalid').length).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
  });

  it('7 concurrent attempts on an unknown number leave it locked too', async () => {
    const phone = randomMobile();
    secrets.add(phone);
    await Promise.all(Array.from({ length: 7 }, (_, i) => attemptSignIn({ db: t.db, phone, password: `parallel-${i}`, ip: IP })));
    expect((await signIn(phone, 'whatever-1')).result.status).toBe('locked');
  });

  it('3 concurrent wrong attempts are all counted (no lost updates)', async () => {
    const a = await account();
    await Promise.all(Array.from({ length: 3 }, (_, i) => attemptSignIn({ db: t.db, phone: a.phone, password: `parallel-${i}`, ip: IP })));
    expect((await userRow(a.user.id)).failed_sign_ins).toBe(3);
  });

  it('one address with 50 wrong passwords in an hour, each on another number, is refused before any password is tested (TRUST S6)', async () => {
    const target = await account();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS.max; i++) {
      expect((await attemptSignIn({ db: t.db, phone: randomMobile(), password: 'guess', ip: IP })).status).toBe('invalid');
    }
    // The right password for a number this address never tried: refused like a locked number …
    expect((await attemptSignIn({ db: t.db, phone: target.phone, password: target.password, ip: IP })).status).toBe('locked');
    // … and the person is not locked out: from their own address it works.
    expect((await attemptSignIn({ db: t.db, phone: target.phone, password: target.password, ip: '198.51.100.9' })).status).toBe('ok');
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE ip = $1 AND details->>'reason' = 'address_limited'`, [IP]);
    expect(rows[0].n).toBe(1);
  });

  it('successful sign-ins from one address never count toward that limit (a busy village office)', async () => {
    const a = await account();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS.max + 5; i++) {
      expect((await attemptSignIn({ db: t.db, phone: a.phone, password: a.password, ip: IP })).status).toBe('ok');
    }
    expect((await attemptSignIn({ db: t.db, phone: randomMobile(), password: 'x', ip: IP })).status).toBe('invalid');
  });

  it('never writes a phone number or password into the audit log, and the chain verifies', async () => {
    // The chain's hex hashes are left out of the pattern search below (64 hex digits can hold an
    // 11-digit run by chance); they are still searched for the exact secrets.
    const { rows } = await t.pool.query<{ json: string }>(`SELECT row_to_json(a)::text AS json FROM audit_events a`);
    const { rows: noHash } = await t.pool.query<{ json: string }>(`SELECT (to_jsonb(a) - 'hash' - 'prev_hash')::text AS json FROM audit_events a`);
    const dump = rows.map((r) => r.json).join('\n');
    expect(rows.length).toBeGreaterThan(40);
    expect(secrets.size).toBeGreaterThan(20);
    for (const s of secrets) expect(dump.includes(s), 'a secret appears in audit_events').toBe(false);
    // No 11-digit mobile number in any form.
    expect(noHash.map((r) => r.json).join('\n')).not.toMatch(/(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])/);
    expect(await verifyAuditChain({ db: t.db })).toBeNull();
  });
});
