import 'server-only';
// The six programmes arrive on a real database through `npm run setup`, not through a
// migration: a migration is SQL frozen at one moment, while the parameters live in TypeScript
// (lib/programs defaultParams) and change with the source; and insert-if-missing lets the
// script run any number of times without ever overwriting settings an official changed since.
import type { DbOrTx } from '@/db/client';
import { insertMissingProgrammes } from '@/db/queries/setup';
import { PROGRAMME_NAMES } from '@/db/seed';
import { PROGRAMMES } from '@/lib/programs';

export async function installProgrammes({ db }: { db: DbOrTx }): Promise<string[]> {
  return insertMissingProgrammes({
    db,
    rows: Object.values(PROGRAMMES).map((p) => ({
      code: p.code,
      nameZh: PROGRAMME_NAMES[p.code].zh,
      nameEn: PROGRAMME_NAMES[p.code].en,
      params: p.defaultParams as unknown,
      needsApplication: p.needsApplication,
      noticeDays: p.noticeDays,
    })),
  });
}
