import 'server-only';
// The one shape of a staff search route (work queue, household list, visit household search,
// county staff list): edit this file when every staff search should change at once. A search
// form POSTs here so that a name, phone or ID number typed never appears in a URL (access logs,
// browser history, Referer headers). In a fixed order:
//   session (else to sign-in, back to the page) → capability (403) → the form (unreadable: back
//   to the page) → searchFromForm → 303 back to the page with the result.
// The words are sealed into an opaque token (search-token.ts) and travel back as `q`. A number
// that can find no one (lib/search-text.ts) is not searched: the page is told only what is wrong
// (`idCheck`), never the number; the page's field checks the same before sending, so this is
// for a form sent without JavaScript. The field's masked echo of the current search, sent
// unchanged, keeps that search. Nothing is written and nothing is logged: the token only
// travels back to the same person.
// Lives in server/ rather than lib/ because it reads the session and the search's keys.
import { hrefWithQuery } from '@/lib/ledger/query';
import { can, type Capability } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import type { SearchTextProblem } from '@/lib/search-text';
import { searchFromForm } from './search-token';

/** What the search came to: a problem with the number typed, a sealed search, or no search. */
export type SearchOutcome = { idCheck: SearchTextProblem } | { q: string } | Record<string, never>;

export interface StaffSearchRoute {
  /** The page the form is on, and where the browser goes back to (also after signing in). */
  page: string;
  capability: Capability;
  /**
   * Where to send the browser: the page with the outcome, and with whatever of the page's own
   * filters the form carried. Default: the page with only the outcome.
   */
  backTo?: (outcome: SearchOutcome, form: FormData) => string;
}

/** The POST handler of a staff search form: `export const POST = staffSearchRoute({ … })`. */
export function staffSearchRoute({ page, capability, backTo = (outcome) => hrefWithQuery(page, outcome) }: StaffSearchRoute) {
  return async function POST(request: Request): Promise<Response> {
    const user = await getCurrentUser();
    if (!user) return seeOther(`/sign-in?callbackUrl=${encodeURIComponent(page)}`);
    if (!can(user.role, capability)) return new Response(null, { status: 403 });
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return seeOther(page);
    }
    const found = searchFromForm(form);
    const outcome: SearchOutcome = 'problem' in found ? { idCheck: found.problem } : found.token ? { q: found.token } : {};
    return seeOther(backTo(outcome, form));
  };
}

/** 303: the browser follows with a GET (a 307 would POST the words again). A relative Location keeps the origin the browser used. */
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
