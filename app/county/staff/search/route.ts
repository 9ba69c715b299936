// The staff list's search form POSTs here (server/queue/search-route.ts: a phone or ID number
// never appears in a URL; a sealed token, or only what is wrong with a number, comes back).
import { staffSearchRoute } from '@/server/queue/search-route';

export const POST = staffSearchRoute({ page: '/county/staff', capability: 'staff:manage' });
