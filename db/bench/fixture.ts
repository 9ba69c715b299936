// Accounts the bench signs in with, made the same on demo data and on a generated county, so
// the bench does not depend on either's phone numbers: residents with their own households
// (in the township with the most households), one cadre for that township and one official for
// the whole county, all sharing one password hash computed once by the caller. Removed again
// by cleanup(); audit rows the bench's requests wrote stay, since the audit log is append-only.
import pg from 'pg';

export interface BenchAccounts {
  tag: string;
  residents: { phone: string; userId: string; householdId: string }[];
  cadre: { phone: string; userId: string };
  official: { phone: string; userId: string };
  township: { id: number; path: string };
  /** Households for pgbench's side of G2 (same shape as the residents'). */
  pool: string[];
}

export interface Pii {
  hash(value: string): string;
  encrypt(value: string): string;
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function countyFigures(url: string): Promise<{ households: number; applications: number; inNotice: number; tables: boolean }> {
  return withClient(url, async (c) => {
    const t = await c.query<{ n: string }>("SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'households'");
    if (t.rows[0]!.n === '0') return { households: 0, applications: 0, inNotice: 0, tables: false };
    // Estimates would do for the size check, but exact counts are cheap enough once and never stale.
    const r = await c.query<{ h: string; a: string; n: string }>(
      "SELECT (SELECT count(*) FROM households)::text AS h, (SELECT count(*) FROM applications)::text AS a, (SELECT count(*) FROM applications WHERE status = 'in_public_notice')::text AS n",
    );
    return { households: Number(r.rows[0]!.h), applications: Number(r.rows[0]!.a), inNotice: Number(r.rows[0]!.n), tables: true };
  });
}

function phoneOf(tag: number, i: number): string {
  // 199 numbers are valid mobile numbers; the tag keeps runs apart.
  return `199${String(tag).padStart(3, '0')}${String(i).padStart(5, '0')}`;
}

export async function createBenchAccounts(url: string, opts: { residents: number; pool: number; passwordHash: string; pii: Pii }): Promise<BenchAccounts> {
  const tagN = Math.floor(Math.random() * 1000);
  const tag = `bench${tagN}`;
  return withClient(url, async (c) => {
    await c.query('BEGIN');
    const tw = await c.query<{ id: number; path: string }>(
      `SELECT p.id, p.path FROM places p LEFT JOIN places v ON v.path LIKE p.path || '%' LEFT JOIN households h ON h.place_id = v.id
       WHERE p.level = 'township' GROUP BY p.id, p.path ORDER BY count(h.id) DESC, p.id LIMIT 1`,
    );
    const township = tw.rows[0];
    if (!township) throw new Error('no township in places: the database has no place tree');
    const county = (await c.query<{ id: number }>("SELECT id FROM places WHERE level = 'county' ORDER BY id LIMIT 1")).rows[0];
    if (!county) throw new Error('no county-level place');
    const home = (await c.query<{ id: number }>("SELECT id FROM places WHERE path LIKE $1 AND id <> $2 ORDER BY id LIMIT 1", [`${township.path}%`, township.id])).rows[0] ?? { id: township.id };

    const addUser = async (role: string, i: number) => {
      const phone = phoneOf(tagN, i);
      const r = await c.query<{ id: string }>('INSERT INTO users (role, real_name, phone_hash, phone_enc, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id', [role, `压测${role}${i}`, opts.pii.hash(phone), opts.pii.encrypt(phone), opts.passwordHash]);
      return { phone, userId: r.rows[0]!.id };
    };
    const addHousehold = async (owner: string | null, i: number) => {
      const head = `${tag}-head-${i}`;
      const r = await c.query<{ id: string }>(
        "INSERT INTO households (owner_user_id, head_name, head_id_number_hash, head_id_number_enc, place_id, kind, address_detail) VALUES ($1, $2, $3, $4, $5, 'rural', '压测') RETURNING id",
        [owner, `压测户${i}`, opts.pii.hash(head), opts.pii.encrypt(head), home.id],
      );
      return r.rows[0]!.id;
    };
    const residents = [];
    for (let i = 0; i < opts.residents; i++) {
      const u = await addUser('resident', i);
      residents.push({ ...u, householdId: await addHousehold(u.userId, i) });
    }
    const cadre = await addUser('cadre', 90_000);
    const official = await addUser('official', 90_001);
    await c.query('INSERT INTO user_places (user_id, place_id) VALUES ($1, $2), ($3, $4)', [cadre.userId, township.id, official.userId, county.id]);
    // pgbench's households need owners too (the notification goes to the owner): the pool
    // shares one owner, which the unique owner constraint allows only once, so they are
    // cadre-kept households (no owner) and the notification goes to the first resident.
    const pool: string[] = [];
    for (let i = 0; i < opts.pool; i += 500) {
      const n = Math.min(500, opts.pool - i);
      const r = await c.query<{ id: string }>(
        `INSERT INTO households (owner_user_id, head_name, head_id_number_hash, head_id_number_enc, place_id, kind, address_detail)
         SELECT NULL, '压测池', md5($1 || g::text), $5, $2, 'rural', '压测' FROM generate_series($3::int, $4::int) g RETURNING id`,
        [tag, home.id, i, i + n - 1, opts.pii.encrypt('000000000000000000')],
      );
      pool.push(...r.rows.map((x) => x.id));
    }
    await c.query('COMMIT');
    return { tag, residents, cadre, official, township, pool };
  });
}

/**
 * Removes what the fixture made and what the bench's requests added under it — also what an
 * earlier, killed run left behind: bench rows are found by their marks (users named 压测…,
 * households at address 压测), which generated and demo data never carry.
 */
export async function cleanupBenchAccounts(url: string): Promise<number> {
  const found = await withClient(url, async (c) => ({
    households: (await c.query<{ id: string }>("SELECT id FROM households WHERE address_detail = '压测' AND head_name LIKE '压测%'")).rows.map((r) => r.id),
    users: (await c.query<{ id: string }>("SELECT id FROM users WHERE real_name LIKE '压测%'")).rows.map((r) => r.id),
  }));
  const { households, users } = found;
  if (!households.length && !users.length) return 0;
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query('CREATE TEMP TABLE bench_apps ON COMMIT DROP AS SELECT id FROM applications WHERE household_id = ANY($1::uuid[])', [households]);
    await c.query('DELETE FROM application_events WHERE application_id IN (SELECT id FROM bench_apps)');
    await c.query('DELETE FROM uploads WHERE application_id IN (SELECT id FROM bench_apps)');
    await c.query('DELETE FROM objections WHERE application_id IN (SELECT id FROM bench_apps)');
    await c.query('DELETE FROM applications WHERE id IN (SELECT id FROM bench_apps)');
    await c.query('DELETE FROM notification_outbox WHERE notification_id IN (SELECT id FROM notifications WHERE user_id = ANY($1::uuid[]))', [users]);
    await c.query('DELETE FROM notifications WHERE user_id = ANY($1::uuid[])', [users]);
    await c.query('DELETE FROM household_facts WHERE household_id = ANY($1::uuid[])', [households]);
    // Every foreign key into households and users (26 of them, several on unindexed columns of
    // county-sized tables) would be checked row by row: minutes for the pgbench pool. The rows
    // that point at the bench's households and users are the ones deleted above, so the checks
    // are skipped where the role may (a superuser, as on the county database).
    await c.query('SAVEPOINT fk');
    try {
      await c.query("SET LOCAL session_replication_role = 'replica'");
    } catch {
      await c.query('ROLLBACK TO SAVEPOINT fk');
    }
    await c.query('DELETE FROM household_members WHERE household_id = ANY($1::uuid[])', [households]);
    await c.query('DELETE FROM households WHERE id = ANY($1::uuid[])', [households]);
    await c.query('DELETE FROM ended_sessions WHERE user_id = ANY($1::uuid[])', [users]);
    // Cascades are triggers too, off under the replica role: the staff's places go by hand.
    await c.query('DELETE FROM user_places WHERE user_id = ANY($1::uuid[])', [users]);
    await c.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [users]);
    await c.query('COMMIT');
  });
  return households.length + users.length;
}

/** The first application id of a resident's household (for /resident/applications/<id>). */
export async function firstApplicationOf(url: string, householdId: string): Promise<string | null> {
  return withClient(url, async (c) => (await c.query<{ id: string }>('SELECT id FROM applications WHERE household_id = $1 ORDER BY created_at LIMIT 1', [householdId])).rows[0]?.id ?? null);
}

/** pgbench takes households from this table in order (a sequence hands out the next one). */
export async function preparePgbenchPool(url: string, a: BenchAccounts): Promise<void> {
  await withClient(url, async (c) => {
    await c.query('DROP TABLE IF EXISTS bench_g2_pool; DROP SEQUENCE IF EXISTS bench_g2_seq');
    await c.query('CREATE UNLOGGED TABLE bench_g2_pool (n bigint PRIMARY KEY, household_id uuid NOT NULL)');
    await c.query('INSERT INTO bench_g2_pool SELECT ord, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)', [a.pool]);
    await c.query('CREATE SEQUENCE bench_g2_seq');
  });
}

export async function dropPgbenchPool(url: string): Promise<void> {
  await withClient(url, (c) => c.query('DROP TABLE IF EXISTS bench_g2_pool; DROP SEQUENCE IF EXISTS bench_g2_seq'));
}

/** How many of these households hold a submitted application (what a round really wrote). */
export async function submittedCount(url: string, householdIds: readonly string[]): Promise<number> {
  return withClient(url, async (c) => Number((await c.query<{ n: string }>("SELECT count(*)::text AS n FROM applications WHERE household_id = ANY($1::uuid[]) AND status = 'submitted'", [householdIds])).rows[0]!.n));
}
