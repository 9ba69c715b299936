import 'server-only';
// The health check's one round trip to the database (GET /api/health). Throws when the
// database does not answer; the route turns that into a 503 without the connection detail.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';

export async function pingDatabase({ db }: { db: DbOrTx }): Promise<void> {
  await db.execute(sql`SELECT 1`);
}
