// The programme settings in plain words, for the list and the history (server pages only):
// "Per boiler: ¥1,000", "Notice days: 7 → 0", "Closed to new applications".
import type { LooseTranslate } from '@/lib/i18n/loose';
import { paramsToValues, SETTING_FIELDS, type SettingChange, type SettingUnit } from '@/lib/programme-settings';
import type { ProgrammeCode } from '@/lib/domain';

export function amountText(t: LooseTranslate, unit: SettingUnit, value: number | null): string {
  return value === null ? t('countyProgrammes.none') : t(`countyProgrammes.amount.${unit}`, { value });
}

/** Each of the programme's numbers as "label: amount". */
export function settingsInWords(t: LooseTranslate, code: ProgrammeCode, params: unknown): string[] {
  const values = paramsToValues(code, params);
  return SETTING_FIELDS[code].filter((f) => values[f.name] !== null).map((f) => t('countyProgrammes.line', { label: t(`countyProgrammes.fields.${f.name}`), value: amountText(t, f.unit, values[f.name] ?? null) }));
}

/** One change of a version, in words. */
export function changeInWords(t: LooseTranslate, c: SettingChange): string {
  switch (c.kind) {
    case 'field':
      return t('countyProgrammes.history.changed', { label: t(`countyProgrammes.fields.${c.field.name}`), from: amountText(t, c.field.unit, c.from), to: amountText(t, c.field.unit, c.to) });
    case 'noticeDays':
      return t('countyProgrammes.history.changed', { label: t('countyProgrammes.fields.noticeDays'), from: t('countyProgrammes.days', { days: c.from }), to: t('countyProgrammes.days', { days: c.to }) });
    case 'active':
      return c.to ? t('countyProgrammes.history.opened') : t('countyProgrammes.history.closed');
  }
}
