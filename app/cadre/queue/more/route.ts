// "Load more" of the work queue with JavaScript: the next page's rows as JSON, for the same URL
// parameters as the page (filters, sealed search, cursor). A read: the cadre's scope is in the
// query's WHERE clause, as on the page. Route handlers do not pass through app/cadre/layout.tsx,
// so the role and capability are checked here.
import { getCurrentUser } from '@/lib/session';
import { can } from '@/lib/permissions';
import { loadQueuePage, resolveFor } from '../load';
import { parseQueueParams } from '../params';

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'unauthenticated' }, { status: 401, headers: { 'Cache-Control': 'private, no-store' } });
  if (!can(user.role, 'application:verify')) return Response.json({ error: 'forbidden' }, { status: 403, headers: { 'Cache-Control': 'private, no-store' } });
  const params = parseQueueParams(new URL(request.url).searchParams);
  const page = await loadQueuePage({ user, params, resolved: await resolveFor(user, params) });
  return Response.json(page, { headers: { 'Cache-Control': 'private, no-store' } });
}
