// Which place a staff member's dashboard shows (an official's or a cadre's): the one asked for
// when it lies inside their places, else (nothing asked) the first place they are assigned to;
// null when the place asked for is outside their places or does not exist (the page answers
// 404, as for any record out of reach).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { findDashboardPlace, findPlaceByPath, type DashboardPlace } from '@/db/queries/dashboard';
import { placeWithin } from '@/lib/permissions';

export async function dashboardPlace({ db, placePaths, asked }: { db: DbOrTx; placePaths: readonly string[]; asked: string | undefined }): Promise<DashboardPlace | null> {
  if (asked !== undefined) {
    const id = /^\d{1,9}$/.test(asked) ? Number(asked) : NaN;
    const place = Number.isFinite(id) ? await findDashboardPlace({ db, placeId: id }) : null;
    return place && placeWithin(place.path, placePaths) ? place : null;
  }
  const first = [...placePaths].sort((a, b) => a.length - b.length)[0];
  return first ? findPlaceByPath({ db, path: first }) : null;
}
