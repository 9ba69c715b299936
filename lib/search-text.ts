// What is wrong with a staff search typed as a number, said before anything is searched. Every
// staff search that takes a name, a mobile or an ID number (work queue, household list, the
// visit's household search, the county's staff list) asks this once in the browser, so the
// field keeps what was typed, and once more in its search route, for a form sent without
// JavaScript. Pure and free of Node imports (lib/id-rules.ts likewise): client components import it.
//
// A search that found someone is written back into its field (components/search-text-field.tsx),
// a phone or ID number masked (138****0002, 110105********002X) since the number itself never
// comes back from the server. Sending that echo unchanged keeps the same search (the page's
// sealed token travels with it, SEARCH_ECHO_FIELD); anything else with an asterisk in it was
// never anyone's name or number, and is called out like a mistyped number.
import { canonical, idNumberProblem, mobileProblem, type IdCheckOptions } from './id-rules';

/**
 * - birthdate: 18 characters shaped like an ID number whose date of birth is not a real one;
 * - checksum: the same, whose check character does not match the first 17 digits;
 * - length: digits only, but neither 11 (a mobile number) nor 18 (an ID number) of them;
 * - prefix: 11 digits that are no mobile number: one starts with 1 and its second digit is 3–9
 *   (lib/id-rules.ts mobileProblem, the rule of registration and sign-in);
 * - masked: an asterisk, which stands for a hidden character (a masked number or name copied from
 *   a page, or the echo of an earlier search edited): no one is stored with one.
 */
export const SEARCH_TEXT_PROBLEMS = ['birthdate', 'checksum', 'length', 'prefix', 'masked'] as const;
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
export function searchTextProblem(typed: string, opts: SearchCheckOptions = {}): SearchTextProblem | null {
  if (typed.length > CHECKED_MAX) return null;
  if (opts.echo !== undefined && isSearchEcho(typed, opts.echo)) return null;
  const text = canonical(typed.trim());
  if (/^\d{17}[\dX]$/.test(text)) {
    const problem = idNumberProblem(text, opts);
    return problem === 'birthdate' || problem === 'checksum' ? problem : null;
  }
  if (/^\d+$/.test(text)) {
    if (text.length !== 11) return 'length';
    return mobileProblem(text) === 'prefix' ? 'prefix' : null;
  }
  if (text.includes('*')) return 'masked';
  return null;
}

export interface SearchCheckOptions extends IdCheckOptions {
  /** What the field was given back after the current search (OpenedSearch.shown): sent unchanged, it is that search again. */
  echo?: string;
}

/** The name of the form field that carries the current search's sealed token next to its echo. */
export const SEARCH_ECHO_FIELD = 'searched';

/** Whether what was sent is the current search's echo, unchanged (but for spaces around it, or full-width characters). */
export function isSearchEcho(typed: string, shown: string): boolean {
  return shown !== '' && typed.normalize('NFKC').trim() === shown.normalize('NFKC').trim();
}

/** The sentence for each problem, for SearchTextField's `messages` (t from next-intl, on the server). */
export function searchTextMessages(t: (key: `searchCheck.${SearchTextProblem}`) => string): Record<SearchTextProblem, string> {
  return { birthdate: t('searchCheck.birthdate'), checksum: t('searchCheck.checksum'), length: t('searchCheck.length'), prefix: t('searchCheck.prefix'), masked: t('searchCheck.masked') };
}
