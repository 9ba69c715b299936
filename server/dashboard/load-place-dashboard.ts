import 'server-only';
// Everything one place's dashboard shows, read in parallel — the same for an official's and a
// cadre's page (components/dashboard/place-dashboard.tsx lays it out; each route says where links go).
import type { DbOrTx } from '@/db/client';
import { casesByChild, casesUnder, placeTiming, placeTrail, type DashboardPlace } from '@/db/queries/dashboard';
import { placeFigureTotals } from '@/db/queries/place-figures';
import { applicationCountsByStatus } from '@/db/queries/rollups';

export async function loadPlaceDashboard({ db, place }: { db: DbOrTx; place: DashboardPlace }) {
  const [trail, counts, children, rollup, figures, timing] = await Promise.all([
    placeTrail({ db, place }),
    casesUnder({ db, place }),
    casesByChild({ db, place }),
    applicationCountsByStatus({ db, scopePaths: [place.path] }),
    placeFigureTotals({ db, scopePaths: [place.path] }),
    placeTiming({ db, place }),
  ]);
  return { place, trail, counts, children, figures, timing, asOf: rollup.asOf };
}
