// What is wrong with a staff search typed as a number, said before anything is searched. Every
// staff search that takes a name, a mobile or an ID number (work queue, household list, the
// visit's household search, the county's staff list) asks this once in the browser, so the
// field keeps what was typed, and once more in its search route, for a form sent without
// JavaScript. Pure and free of Node imports (lib/id-rules.ts likewise): client components import it.
import { canonical, idNumberProblem, type IdCheckOptions } from './id-rules';

/**
 * - birthdate: 18 characters shaped like an ID number whose date of birth is not a real one;
 * - checksum: the same, whose check character does not match the first 17 digits;
 * - length: digits only, but neither 11 (a mobile number) nor 18 (an ID number) of them.
 */
export const SEARCH_TEXT_PROBLEMS = ['birthdate', 'checksum', 'length'] as const;
export type SearchTextProblem = (typeof SEARCH_TEXT_PROBLEMS)[number];

/** More than this is never a number worth checking (the search fields take at most 40 characters). */
const CHECKED_MAX = 64;

/**
 * Why what was typed into a staff search can find no one, or null when it is searched as before
 * (server/queue/search-token.ts sealSearch: an ID number, a mobile number, else the start of a
 * name). Written as people type numbers: spaces and dashes between groups, full-width digits from
 * a Chinese input method, a lower-case x, +86 in front of a mobile number. No stored ID number
 * can fail the date or the check character (each passed idNumberSchema), and a name has no
 * digits, so none of these would have found anything: the masked echo of the search would only
 * hide the typo.
 */
export function searchTextProblem(typed: string, opts: IdCheckOptions = {}): SearchTextProblem | null {
  if (typed.length > CHECKED_MAX) return null;
  const text = canonical(typed.trim());
  if (/^\d{17}[\dX]$/.test(text)) {
    const problem = idNumberProblem(text, opts);
    return problem === 'birthdate' || problem === 'checksum' ? problem : null;
  }
  if (/^\d+$/.test(text) && text.length !== 11) return 'length';
  return null;
}
