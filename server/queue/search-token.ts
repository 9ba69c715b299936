// A queue search travels in the URL only as a sealed token (AES-GCM with a fresh IV, lib/protect),
// never as the name, phone or ID number typed, nor as their keyed hash: URLs end up in access
// logs, browser history and Referer headers. The form POSTs the words to app/cadre/queue/search,
// which answers with a redirect to `?q=<token>`; the page opens the token again here.
import 'server-only';
import { z } from 'zod';
import type { QueueSearch } from '@/db/queries/queue';
import { isValidMobile, maskIdNumber, maskPhone, normaliseIdNumber, normaliseMobile } from '@/lib/pii';
import { lookupHash, openPii, sealPii } from '@/lib/protect';
import { SEARCH_ECHO_FIELD, isSearchEcho, searchTextProblem, type SearchTextProblem } from '@/lib/search-text';

/** Name prefixes longer than this are cut (a full Chinese name is 2–4 characters). */
export const NAME_PREFIX_MAX = 20;

export interface OpenedSearch {
  search: QueueSearch;
  /** What the page may show of the search: a name prefix as typed, a phone or ID number masked. */
  shown: string;
}

const payload = z.discriminatedUnion('k', [
  z.object({ k: z.literal('name'), p: z.string().min(1).max(NAME_PREFIX_MAX), s: z.string() }),
  z.object({ k: z.literal('phone'), h: z.string().regex(/^[0-9a-f]{64}$/), s: z.string() }),
  z.object({ k: z.literal('id'), h: z.string().regex(/^[0-9a-f]{64}$/), s: z.string() }),
]);

/**
 * What the person typed as a search: 18 characters of digits (and a final X) are an ID number,
 * 11 digits a mobile number, anything else the start of the head's name. Null for nothing typed.
 * The search routes first ask lib/search-text.ts whether it can find anyone at all.
 */
export function sealSearch(typed: string): string | null {
  const text = typed.normalize('NFKC').trim();
  if (!text) return null;
  const id = normaliseIdNumber(text);
  if (/^\d{17}[\dX]$/.test(id)) return sealPii(JSON.stringify({ k: 'id', h: lookupHash(id), s: maskIdNumber(id) }));
  const mobile = normaliseMobile(text);
  if (isValidMobile(mobile)) return sealPii(JSON.stringify({ k: 'phone', h: lookupHash(mobile), s: maskPhone(mobile) }));
  const prefix = Array.from(text.replace(/\s+/gu, '')).slice(0, NAME_PREFIX_MAX).join('');
  return sealPii(JSON.stringify({ k: 'name', p: prefix, s: prefix }));
}

/**
 * What a staff search form (queue, household list, visit search, staff list) asks its route for:
 * its `text`, and next to it the token of the search the page shows (SEARCH_ECHO_FIELD), whose
 * echo the field was given. The echo sent back unchanged is that same search: a masked number
 * cannot be sealed again, and searched as a name it would find nothing. Anything else is checked
 * (lib/search-text.ts) and sealed afresh; a token that does not open is ignored. `token` is null
 * for nothing typed (no search).
 */
export function searchFromForm(form: FormData): { problem: SearchTextProblem } | { token: string | null } {
  const typed = form.get('text');
  const text = typeof typed === 'string' ? typed.slice(0, 100) : '';
  const sent = form.get(SEARCH_ECHO_FIELD);
  const current = typeof sent === 'string' && sent.length <= 1000 ? openSearch(sent) : null;
  if (current && typeof sent === 'string' && isSearchEcho(text, current.shown)) return { token: sent };
  const problem = searchTextProblem(text);
  return problem ? { problem } : { token: sealSearch(text) };
}

/** The search inside a token from the URL; null when it is not one this server sealed (altered, or keys rotated away). */
export function openSearch(token: string | undefined): OpenedSearch | null {
  if (!token) return null;
  try {
    const parsed = payload.safeParse(JSON.parse(openPii(token)));
    if (!parsed.success) return null;
    const p = parsed.data;
    if (p.k === 'name') return { search: { kind: 'name', prefix: p.p }, shown: p.s };
    return { search: { kind: p.k, hash: p.h }, shown: p.s };
  } catch {
    return null;
  }
}

/** For the audit log and exports: which kind of search, never its words or hash. */
export function searchKind(s: OpenedSearch | null): QueueSearch['kind'] | null {
  return s?.search.kind ?? null;
}
