import 'server-only';
// Many staff accounts at once from an .xlsx (issue 10 item 2): columns name, phone, role, and
// place (division code or name; several separated by "、", ";" or ","). Every row is checked
// before anything is written and every problem is reported with its row number; then all rows
// are created in ONE transaction, so a file is imported whole or not at all. The one-time
// passwords come back as an .xlsx for the importing official only, built in memory and never
// stored.
import ExcelJS from 'exceljs';
import type { Db } from '@/db/client';
import { placesInScopeByCodeOrName, takenPhoneHashes } from '@/db/queries/staff-admin';
import { pgErrorCode, PG_UNIQUE_VIOLATION, AppError } from '@/lib/errors';
import { maskPhone } from '@/lib/pii';
import type { Actor } from '@/lib/permissions';
import { lookupHash } from '@/lib/protect';
import { mobileSchema, realNameSchema } from '@/lib/validators';
import { createStaffIn, type NewStaff } from './create-staff';
import { officialOnly } from './guard';
import { generateOneTimePassword } from './one-time-password';
import { hashPassword } from '@/lib/password';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Each row costs one argon2id hash (~50 ms on a core): a bigger list is split into files. */
export const IMPORT_MAX_ROWS = 2000;

export type ImportRowField = 'file' | 'name' | 'phone' | 'role' | 'place';
export interface ImportRowError {
  /** The spreadsheet's own row number (the header is row 1). */
  row: number;
  field: ImportRowField;
  code: string;
}

const ROLE_WORDS: Record<string, 'cadre' | 'official'> = { cadre: 'cadre', official: 'official', 干部: 'cadre', 村干部: 'cadre', '村（社区）干部': 'cadre', 官员: 'official', 县级官员: 'official' };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

interface ParsedRow {
  row: number;
  name: string;
  phone: string;
  role: string;
  places: string[];
}

async function readRows(bytes: Buffer): Promise<ParsedRow[] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const rows: ParsedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return; // header
    const [name, phone, role, place] = [1, 2, 3, 4].map((c) => cellText(r.getCell(c).value).trim());
    if (!name && !phone && !role && !place) return;
    rows.push({ row: n, name: name!, phone: phone!, role: role!, places: place!.split(/[、;；,，]/u).map((s) => s.trim()).filter(Boolean) });
  });
  return rows;
}

export type ImportResult = { rowErrors: ImportRowError[] } | { created: number; passwordsXlsx: Buffer };

export async function importStaff({ db, actor, bytes, ip }: { db: Db; actor: Actor; bytes: Buffer; ip: string | null }): Promise<ImportResult> {
  officialOnly(actor);
  const rows = await readRows(bytes);
  if (rows === null) return { rowErrors: [{ row: 0, field: 'file', code: 'unreadable' }] };
  if (rows.length === 0) return { rowErrors: [{ row: 0, field: 'file', code: 'empty' }] };
  if (rows.length > IMPORT_MAX_ROWS) return { rowErrors: [{ row: 0, field: 'file', code: 'tooManyRows' }] };

  const errors: ImportRowError[] = [];
  const people: (NewStaff & { row: number })[] = [];
  const keys = [...new Set(rows.flatMap((r) => r.places))];
  const found = await placesInScopeByCodeOrName({ db, actor, keys });
  const byKey = new Map<string, number[]>();
  for (const p of found) {
    for (const k of [p.code, p.name]) if (k) byKey.set(k, [...new Set([...(byKey.get(k) ?? []), p.id])]);
  }
  const seenPhones = new Map<string, number>();
  for (const r of rows) {
    const name = realNameSchema.safeParse(r.name);
    if (!name.success) errors.push({ row: r.row, field: 'name', code: 'invalid' });
    const phone = mobileSchema.safeParse(r.phone);
    if (!phone.success) errors.push({ row: r.row, field: 'phone', code: 'invalid' });
    else if (seenPhones.has(phone.data)) errors.push({ row: r.row, field: 'phone', code: 'repeated' });
    else seenPhones.set(phone.data, r.row);
    const role = ROLE_WORDS[r.role.toLowerCase()] ?? ROLE_WORDS[r.role];
    if (!role) errors.push({ row: r.row, field: 'role', code: 'invalid' });
    const placeIds: number[] = [];
    if (r.places.length === 0) errors.push({ row: r.row, field: 'place', code: 'required' });
    for (const k of r.places) {
      const ids = byKey.get(k) ?? [];
      // Unknown and outside the official's scope read the same: the file learns nothing about other townships.
      if (ids.length === 0) errors.push({ row: r.row, field: 'place', code: 'unknown' });
      else if (ids.length > 1) errors.push({ row: r.row, field: 'place', code: 'ambiguous' });
      else placeIds.push(ids[0]!);
    }
    if (name.success && phone.success && role) people.push({ row: r.row, realName: name.data, phone: phone.data, role, placeIds });
  }
  const taken = await takenPhoneHashes({ db, phoneHashes: people.map((p) => lookupHash(p.phone)) });
  for (const p of people) if (taken.has(lookupHash(p.phone))) errors.push({ row: p.row, field: 'phone', code: 'taken' });
  if (errors.length > 0) return { rowErrors: errors.sort((a, b) => a.row - b.row) };

  // Hash outside the transaction: argon2 runs on libuv's pool, four at a time.
  const passwords = people.map(() => generateOneTimePassword());
  const hashes: string[] = new Array(people.length);
  for (let i = 0; i < people.length; i += 4) {
    const chunk = await Promise.all(passwords.slice(i, i + 4).map((p) => hashPassword(p)));
    chunk.forEach((h, j) => (hashes[i + j] = h));
  }
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < people.length; i++) {
        const { row: _row, ...person } = people[i]!;
        await createStaffIn({ tx, actor, person, passwordHash: hashes[i]!, ip });
      }
    });
  } catch (err) {
    // A phone taken between the check and the write (another official importing at once).
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new AppError('duplicate:phone');
    throw err;
  }

  const out = new ExcelJS.Workbook();
  const sheet = out.addWorksheet('one-time passwords');
  sheet.addRow(['行 Row', '姓名 Name', '手机 Phone', '一次性密码 One-time password']);
  people.forEach((p, i) => sheet.addRow([p.row, p.realName, maskPhone(p.phone), passwords[i]]));
  const buffer = Buffer.from(await out.xlsx.writeBuffer());
  return { created: people.length, passwordsXlsx: buffer };
}
