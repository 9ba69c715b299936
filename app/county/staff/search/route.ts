// The staff search form POSTs here, so a phone or ID number never appears in a URL: the words
// are sealed into an opaque token (the queue's, server/queue/search-token.ts) and the browser
// is sent back to the list with it (303). A number that can find no one (lib/search-text.ts) is
// not searched: the list is told only what is wrong (?idCheck=…), never the number; its field
// checks the same before sending, this is for a form sent without JavaScript. Nothing is written
// and nothing is logged.
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { searchFromForm } from '@/server/queue/search-token';

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return redirectTo(`/sign-in?callbackUrl=${encodeURIComponent('/county/staff')}`);
  if (!can(user.role, 'staff:manage')) return new Response(null, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return redirectTo('/county/staff');
  }
  // The field's masked echo of the current search (138****0002), sent unchanged, keeps that search.
  const found = searchFromForm(form);
  if ('problem' in found) return redirectTo(`/county/staff?idCheck=${found.problem}`);
  return redirectTo(found.token ? `/county/staff?q=${encodeURIComponent(found.token)}` : '/county/staff');
}

/** 303: the browser follows with a GET. A relative Location keeps the origin the browser used. */
function redirectTo(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
