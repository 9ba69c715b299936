// The queue's search form POSTs here, so a name, phone or ID number never appears in a URL (GET
// parameters end up in access logs and browser history). The words are sealed into an opaque
// token (server/queue/search-token.ts) and the browser is sent back to the queue with it (303).
// A number that can find no one (an ID number whose check digit or date of birth is wrong, digits
// that are neither a mobile nor an ID number: lib/search-text.ts) is not searched: the queue is
// told only what is wrong (?idCheck=…), never the number. The page's field checks the same before
// sending; this is for a form sent without JavaScript. The field's masked echo of the current
// search, sent unchanged, keeps that search (searchFromForm).
// Nothing is written and nothing is logged: the token only travels back to the same person.
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { searchFromForm } from '@/server/queue/search-token';
import { filterQuery, parseQueueParams, queueHref } from '../params';

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return redirectTo(request, `/sign-in?callbackUrl=${encodeURIComponent('/cadre/queue')}`);
  if (!can(user.role, 'application:verify')) return new Response(null, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return redirectTo(request, '/cadre/queue');
  }
  const fields = new URLSearchParams();
  for (const [k, v] of form.entries()) if (typeof v === 'string' && k !== 'text' && k !== 'q') fields.set(k, v);
  const query = filterQuery(parseQueueParams(fields));
  const found = searchFromForm(form);
  if ('problem' in found) return redirectTo(request, queueHref('/cadre/queue', { ...query, idCheck: found.problem }));
  return redirectTo(request, queueHref('/cadre/queue', found.token ? { ...query, q: found.token } : query));
}

/** 303: the browser follows with a GET (a 307 would POST the words again). A relative Location keeps the origin the browser used. */
function redirectTo(_request: Request, path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
