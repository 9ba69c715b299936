// Demo data is never seeded into a database that holds anything else (issue 6, item 7): a
// deployment that runs with DEMO_MODE on by mistake must not mix made-up households and a
// published password into a county's real records.
import { useTestDatabase } from './helpers';
import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { places, users } from '@/db/schema';
import { databaseContents, seedDemo } from '@/db/seed';

const t = useTestDatabase();

describe('the demo seed', () => {
  it('adds nothing to a database that already holds a real place tree', async () => {
    expect(await databaseContents(t.db)).toBe('empty');
    await t.db.insert(places).values({ level: 'county', name: '某县', nameEn: 'Some county', code: '130000', path: '/1/' });
    expect(await databaseContents(t.db)).toBe('other');
    expect(await seedDemo(t.db, { households: 5 })).toEqual({ seeded: false, reason: 'holds_other_data' });
    const [u] = await t.db.select({ n: count() }).from(users);
    expect(u!.n).toBe(0);
    const [p] = await t.db.select({ n: count() }).from(places);
    expect(p!.n).toBe(1);
  });
});
