// The programme settings an official edits (issue 10 item 3), as form fields: which fields each
// programme's params have, how the typed strings become params for the programme's own
// paramsSchema (lib/programs/<programme>.ts — the one validator), where each schema problem is
// shown, and what changed between two versions, for the history. Pure: no database.
import type { z } from 'zod';
import { MATERIALS, type Material, type ProgrammeCode } from '@/lib/domain';
import { parseParams } from '@/lib/programs';

export const NOTICE_DAYS_MAX = 30;

export type SettingUnit = 'yuan' | 'years' | 'tonnes';

/** One editable number of a programme's params. `name` is also the form field's name. */
export interface SettingField {
  name: string;
  unit: SettingUnit;
  /** Message key under countyProgrammes.errors shown beside the field for any problem with it. */
  error: 'yuan' | 'years' | 'tonnes';
  /** Materials only: the grade and material this field stands for (an empty field = none of it). */
  grade?: 'D' | 'C';
  material?: Material;
}

const GRADES = ['D', 'C'] as const;

const materialFields: SettingField[] = GRADES.flatMap((grade) => MATERIALS.map((material) => ({ name: `${grade}_${material}`, unit: 'tonnes' as const, error: 'tonnes' as const, grade, material })));

/** The editable numbers of each programme (those with none have only notice days and open/closed). */
export const SETTING_FIELDS: Readonly<Record<ProgrammeCode, readonly SettingField[]>> = {
  heating_fee_waiver: [],
  appliance_repair: [],
  property_fee_waiver: [{ name: 'years', unit: 'years', error: 'years' }],
  appliance_subsidy: [
    { name: 'boilerYuan', unit: 'yuan', error: 'yuan' },
    { name: 'heatPumpYuan', unit: 'yuan', error: 'yuan' },
  ],
  warm_winter: [{ name: 'amountYuan', unit: 'yuan', error: 'yuan' }],
  building_materials: materialFields,
};

/** A setting's value to show: a number, or null (a material not given at that grade). */
export type SettingValues = Record<string, number | null>;

/** Stored params → one value per field. */
export function paramsToValues(code: ProgrammeCode, params: unknown): SettingValues {
  const out: SettingValues = {};
  const p = (params ?? {}) as Record<string, unknown>;
  for (const f of SETTING_FIELDS[code]) {
    if (f.grade && f.material) {
      const list = Array.isArray(p[f.grade]) ? (p[f.grade] as { material?: unknown; tonnes?: unknown }[]) : [];
      const item = list.find((i) => i?.material === f.material);
      out[f.name] = typeof item?.tonnes === 'number' ? item.tonnes : null;
    } else {
      out[f.name] = typeof p[f.name] === 'number' ? (p[f.name] as number) : null;
    }
  }
  return out;
}

/** A typed string as a number: blank = absent; anything not a plain decimal = NaN (the schema refuses it). */
function toNumber(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return typeof raw === 'number' ? raw : undefined;
  const s = raw.trim().replace(/[,，\s]/g, '');
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** The typed fields → the params object the programme's schema validates. */
export function valuesToParams(code: ProgrammeCode, typed: Record<string, unknown>): Record<string, unknown> {
  const fields = SETTING_FIELDS[code];
  const out: Record<string, unknown> = {};
  for (const grade of GRADES) {
    const mine = fields.filter((f) => f.grade === grade);
    if (mine.length === 0) continue;
    out[grade] = mine.flatMap((f) => {
      const tonnes = toNumber(typed[f.name]);
      return tonnes === undefined ? [] : [{ material: f.material, tonnes }];
    });
  }
  for (const f of fields) if (!f.grade) out[f.name] = toNumber(typed[f.name]);
  return out;
}

/** Field name → message keys, as lib/action-result's FieldErrors. */
export type SettingErrors = Record<string, string[]>;

/** Where each of the schema's problems goes: the field it names, or the grade's first field for a problem with the whole list. */
function errorsFrom(code: ProgrammeCode, error: z.ZodError, typed: Record<string, unknown>): SettingErrors {
  const fields = SETTING_FIELDS[code];
  const out: SettingErrors = {};
  const add = (name: string, key: string) => {
    out[name] = [...(out[name] ?? []), key].filter((k, i, all) => all.indexOf(k) === i);
  };
  for (const issue of error.issues) {
    const [head, index] = issue.path;
    const grade = GRADES.find((g) => g === head);
    if (grade) {
      const given = fields.filter((f) => f.grade === grade && toNumber(typed[f.name]) !== undefined);
      const field = typeof index === 'number' ? given[index] : undefined;
      if (field) add(field.name, `countyProgrammes.errors.${field.error}`);
      else add(fields.find((f) => f.grade === grade)!.name, 'countyProgrammes.errors.materialsRequired');
      continue;
    }
    const field = fields.find((f) => f.name === head);
    add(field?.name ?? '_form', field ? `countyProgrammes.errors.${field.error}` : 'countyProgrammes.errors.params');
  }
  return out;
}

/** The typed fields checked by the programme's own paramsSchema: its params, or the field errors. */
export function parseSettings(code: ProgrammeCode, typed: Record<string, unknown>): { ok: true; params: unknown } | { ok: false; fieldErrors: SettingErrors } {
  const parsed = parseParams(code, valuesToParams(code, typed));
  return parsed.ok ? { ok: true, params: parsed.params } : { ok: false, fieldErrors: errorsFrom(code, parsed.error, typed) };
}

/** What one version of a programme holds, for comparing two. */
export interface VersionSnapshot {
  params: unknown;
  noticeDays: number;
  active: boolean;
}

export type SettingChange =
  | { kind: 'field'; field: SettingField; from: number | null; to: number | null }
  | { kind: 'noticeDays'; from: number; to: number }
  | { kind: 'active'; from: boolean; to: boolean };

/** What changed from `before` to `after`, field by field (empty when nothing did). */
export function settingChanges(code: ProgrammeCode, before: VersionSnapshot, after: VersionSnapshot): SettingChange[] {
  const out: SettingChange[] = [];
  const a = paramsToValues(code, before.params);
  const b = paramsToValues(code, after.params);
  for (const f of SETTING_FIELDS[code]) if (a[f.name] !== b[f.name]) out.push({ kind: 'field', field: f, from: a[f.name] ?? null, to: b[f.name] ?? null });
  if (before.noticeDays !== after.noticeDays) out.push({ kind: 'noticeDays', from: before.noticeDays, to: after.noticeDays });
  if (before.active !== after.active) out.push({ kind: 'active', from: before.active, to: after.active });
  return out;
}
