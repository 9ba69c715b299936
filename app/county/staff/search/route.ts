// The staff search form POSTs here, so a phone or ID number never appears in a URL: the words
// are sealed into an opaque token (the queue's, server/queue/search-token.ts) and the browser
// is sent back to the list with it (303). A number that can find no one (lib/search-text.ts) is
// not searched: the list is told only what is wrong (?idCheck=…), never the number; its field
// checks the same before sending, this is for a form sent without JavaScript. Nothing is written
// and nothing is logged.
import { can } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { searchTextProblem } from '@/lib/search-text';
import { sealSearch } from '@/server/queue/search-token';

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return redirectTo(`/sign-in?callbackUrl=${encodeURIComponent('/county/staff')}`);
  if (!can(user.role, 'staff:manage')) return new Response(null, { status: 403 });
  let typed: FormDataEntryValue | null = null;
  try {
    typed = (await request.formData()).get('text');
  } catch {
    return redirectTo('/county/staff');
  }
  const text = typeof typed === 'string' ? typed.slice(0, 100) : '';
  const problem = searchTextProblem(text);
  if (problem) return redirectTo(`/county/staff?idCheck=${problem}`);
  const token = sealSearch(text);
  return redirectTo(token ? `/county/staff?q=${encodeURIComponent(token)}` : '/county/staff');
}

/** 303: the browser follows with a GET. A relative Location keeps the origin the browser used. */
function redirectTo(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
