// The queue's search form POSTs here (server/queue/search-route.ts: the words never appear in a
// URL; a sealed token, or only what is wrong with a number, comes back). The queue's own filters
// chosen next to the search are carried back with it.
import { staffSearchRoute } from '@/server/queue/search-route';
import { filterQuery, parseQueueParams, queueHref } from '../params';

export const POST = staffSearchRoute({
  page: '/cadre/queue',
  capability: 'application:verify',
  backTo: (outcome, form) => {
    const fields = new URLSearchParams();
    for (const [k, v] of form.entries()) if (typeof v === 'string' && k !== 'text' && k !== 'q') fields.set(k, v);
    return queueHref('/cadre/queue', { ...filterQuery(parseQueueParams(fields)), ...outcome });
  },
});
