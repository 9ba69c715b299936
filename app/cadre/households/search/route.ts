// The household list's search form POSTs here, so a name, phone or ID number typed never appears
// in a URL (GET parameters end up in access logs, browser history and Referer headers). The words
// are sealed into an opaque token (the queue's server/queue/search-token.ts) and the browser is
// sent back to the list with it and the other filters (303). A number that can find no one (an
// ID number whose check digit or date of birth is wrong, digits that are neither a mobile nor an
// ID number: lib/search-text.ts) is not searched: the list is told only what is wrong
// (?idCheck=…), never the number; the page's field checks the same before sending, this is for a
// form sent without JavaScript. Nothing is written or logged.
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { searchFromForm } from '@/server/queue/search-token';

/** The list's own filters, carried through as they were chosen (the page parses them again). */
const KEPT = ['place', 'unverified', 'gradeD'] as const;

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return seeOther(`/sign-in?callbackUrl=${encodeURIComponent('/cadre/households')}`);
  if (!can(user.role, 'household:manage_in_place')) return new Response(null, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return seeOther('/cadre/households');
  }
  const query = new URLSearchParams();
  for (const k of KEPT) {
    const v = form.get(k);
    if (typeof v === 'string' && v && v.length <= 20) query.set(k, v);
  }
  // The field's masked echo of the current search, sent unchanged, keeps that search.
  const found = searchFromForm(form);
  if ('problem' in found) query.set('idCheck', found.problem);
  else if (found.token) query.set('q', found.token);
  const qs = query.toString();
  return seeOther(qs ? `/cadre/households?${qs}` : '/cadre/households');
}

/** 303: the browser follows with a GET (a 307 would POST the words again). A relative Location keeps the origin the browser used. */
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
