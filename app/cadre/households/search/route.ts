// The household list's search form POSTs here (server/queue/search-route.ts: the words never
// appear in a URL; a sealed token, or only what is wrong with a number, comes back). The list's
// own filters are carried back as they were chosen (the page parses them again).
import { hrefWithQuery } from '@/lib/ledger/query';
import { staffSearchRoute } from '@/server/queue/search-route';

const PAGE = '/cadre/households';
const KEPT = ['place', 'unverified', 'gradeD'] as const;

export const POST = staffSearchRoute({
  page: PAGE,
  capability: 'household:manage_in_place',
  backTo: (outcome, form) => {
    const kept: Record<string, string> = {};
    for (const k of KEPT) {
      const v = form.get(k);
      if (typeof v === 'string' && v && v.length <= 20) kept[k] = v;
    }
    return hrefWithQuery(PAGE, { ...kept, ...outcome });
  },
});
