import 'server-only';
// The place tree from a CSV file (columns: code, parent_code, level, name, name_en). Every
// line is checked first and every error is reported with its line number; then all rows are
// written in ONE transaction, so a bad file leaves the database exactly as it was. Rows are
// matched by official division code: an existing code has its names updated (its parent and
// level must not change, because scopes are paths), a new code is added under its parent.
import type { Db } from '@/db/client';
import { insertPlace, placeByCode, renamePlace } from '@/db/queries/setup';
import { PLACE_LEVELS, type PlaceLevel } from '@/lib/domain';

export interface PlaceLine {
  line: number;
  code: string;
  parentCode: string;
  level: string;
  name: string;
  nameEn: string;
}

export class PlaceImportError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

/** Splits one CSV line, honouring double-quoted fields ("a, b" and "" inside quotes). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const HEADER = ['code', 'parent_code', 'level', 'name', 'name_en'];

export function parsePlacesCsv(text: string): PlaceLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  if (HEADER.some((h, i) => header[i] !== h)) throw new PlaceImportError([`line 1: the header must be "${HEADER.join(',')}"`]);
  const rows: PlaceLine[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const [code = '', parentCode = '', level = '', name = '', nameEn = ''] = splitCsvLine(raw);
    rows.push({ line: i + 2, code, parentCode, level, name, nameEn });
  });
  return rows;
}

export interface ImportOutcome {
  added: number;
  renamed: number;
  unchanged: number;
}

export async function importPlaces({ db, rows }: { db: Db; rows: PlaceLine[] }): Promise<ImportOutcome> {
  // Checks that need no database: every line is looked at before anything is written.
  const errors: string[] = [];
  const seen = new Map<string, PlaceLine>();
  for (const r of rows) {
    if (!/^\d{6,15}$/.test(r.code)) errors.push(`line ${r.line}: code "${r.code}" is not a division code (6 to 15 digits)`);
    if (!(PLACE_LEVELS as readonly string[]).includes(r.level)) errors.push(`line ${r.line}: level "${r.level}" must be one of ${PLACE_LEVELS.join(', ')}`);
    if (r.name === '') errors.push(`line ${r.line}: name is empty`);
    if (r.nameEn === '') errors.push(`line ${r.line}: name_en is empty`);
    if (seen.has(r.code)) errors.push(`line ${r.line}: code ${r.code} already appears on line ${seen.get(r.code)!.line}`);
    else seen.set(r.code, r);
  }
  if (errors.length > 0) throw new PlaceImportError(errors);

  return db.transaction(async (tx) => {
    const outcome: ImportOutcome = { added: 0, renamed: 0, unchanged: 0 };
    const known = new Map<string, { id: number; path: string; level: PlaceLevel }>();
    const fail: string[] = [];
    for (const r of rows) {
      const level = r.level as PlaceLevel;
      const depth = PLACE_LEVELS.indexOf(level);
      let parent: { id: number; path: string; level: PlaceLevel } | null = null;
      if (r.parentCode !== '') {
        parent = known.get(r.parentCode) ?? (await placeByCode({ db: tx, code: r.parentCode }));
        if (!parent) {
          fail.push(`line ${r.line}: parent ${r.parentCode} does not exist (neither in the database nor on an earlier line)`);
          continue;
        }
        if (PLACE_LEVELS.indexOf(parent.level) !== depth - 1) {
          fail.push(`line ${r.line}: a ${level} cannot sit under a ${parent.level} (levels run ${PLACE_LEVELS.join(' → ')})`);
          continue;
        }
      } else if (depth !== 0) {
        fail.push(`line ${r.line}: only a county has no parent_code`);
        continue;
      }
      const existing = await placeByCode({ db: tx, code: r.code });
      if (existing) {
        if (existing.level !== level || (existing.parentId ?? null) !== (parent?.id ?? null)) {
          fail.push(`line ${r.line}: code ${r.code} exists with another level or parent; moving a place is not supported by the import`);
          continue;
        }
        if (existing.name !== r.name || existing.nameEn !== r.nameEn) {
          await renamePlace({ db: tx, id: existing.id, name: r.name, nameEn: r.nameEn });
          outcome.renamed++;
        } else outcome.unchanged++;
        known.set(r.code, { id: existing.id, path: existing.path, level });
      } else {
        const created = await insertPlace({ db: tx, place: { code: r.code, level, name: r.name, nameEn: r.nameEn, parent } });
        outcome.added++;
        known.set(r.code, { ...created, level });
      }
    }
    // Throwing rolls the whole transaction back: nothing of a bad file is written.
    if (fail.length > 0) throw new PlaceImportError(fail);
    return outcome;
  });
}
