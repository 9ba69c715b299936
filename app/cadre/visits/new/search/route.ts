// The visit page's household search POSTs here, as the household list's and the queue's do: a
// name, phone or ID number typed never appears in a URL (access logs, browser history, Referer).
// The words are sealed into an opaque token (server/queue/search-token.ts) and the browser is
// sent back to the visit page with it (303). A number that can find no one (lib/search-text.ts)
// is not searched: the page is told only what is wrong (?idCheck=…), never the number; its field
// checks the same before sending, this is for a form sent without JavaScript. Nothing is written
// or logged.
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { searchFromForm } from '@/server/queue/search-token';

const PAGE = '/cadre/visits/new';

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return seeOther(`/sign-in?callbackUrl=${encodeURIComponent(PAGE)}`);
  if (!can(user.role, 'visit:record')) return new Response(null, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return seeOther(PAGE);
  }
  // The field's masked echo of the current search, sent unchanged, keeps that search.
  const found = searchFromForm(form);
  if ('problem' in found) return seeOther(`${PAGE}?idCheck=${found.problem}`);
  return seeOther(found.token ? `${PAGE}?q=${encodeURIComponent(found.token)}` : PAGE);
}

/** 303: the browser follows with a GET (a 307 would POST the words again). A relative Location keeps the origin the browser used. */
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
