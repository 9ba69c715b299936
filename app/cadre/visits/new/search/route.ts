// The visit page's household search POSTs here (server/queue/search-route.ts: the words never
// appear in a URL; a sealed token, or only what is wrong with a number, comes back).
import { staffSearchRoute } from '@/server/queue/search-route';

export const POST = staffSearchRoute({ page: '/cadre/visits/new', capability: 'visit:record' });
