// The audit search form POSTs here, so a phone number, a name or an ID number never appears in a
// URL: those two fields are sealed into opaque tokens (server/queue/search-token.ts) and the
// browser is sent back to the log with them and the plain filters (303). Nothing is written.
import { can, isCountyWide } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import { sealSearch } from '@/server/queue/search-token';

const PLAIN = ['family', 'action', 'reference', 'from', 'to', 'outcome'] as const;

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return redirectTo(`/sign-in?callbackUrl=${encodeURIComponent('/county/audit')}`);
  // The log is the whole county's: a township's official is refused here as on the page.
  if (!can(user.role, 'audit:read') || !isCountyWide(user)) return new Response(null, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return redirectTo('/county/audit');
  }
  const q = new URLSearchParams();
  for (const key of ['person', 'idNumber'] as const) {
    const typed = form.get(key);
    // Left empty, the field keeps the search already made (its token rides in a hidden field).
    const kept = form.get(`${key}Token`);
    const token = typeof typed === 'string' && typed.trim() ? sealSearch(typed.slice(0, 100)) : typeof kept === 'string' && kept ? kept.slice(0, 2000) : null;
    if (token) q.set(key, token);
  }
  for (const key of PLAIN) {
    const v = form.get(key);
    if (typeof v === 'string' && v.trim()) q.set(key, v.trim().slice(0, 60));
  }
  const qs = q.toString();
  return redirectTo(qs ? `/county/audit?${qs}` : '/county/audit');
}

/** 303: the browser follows with a GET. A relative Location keeps the origin the browser used. */
function redirectTo(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
