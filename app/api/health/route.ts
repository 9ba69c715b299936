// Liveness + database reachability for load balancers and the test runner.
import { getDb, dbKind } from '@/db/client';
import { pingDatabase } from '@/db/queries/health';
import { logError } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await pingDatabase({ db: getDb() });
    return Response.json({ status: 'ok', database: dbKind() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    logError('health: database unreachable', err);
    return Response.json({ status: 'unavailable', reason: 'database unreachable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
