'use client';
// Cascading choice of a place from the place tree: township/street → village/community →
// optional residential compound. The chosen node (the deepest one picked) goes into a hidden
// input named `name`. The places come from the server (db/queries/households.ts placeOptions).
import { useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useUiLocale } from '@/lib/i18n/locale';
import { inputClass } from './form';

export interface PickerPlace {
  id: number;
  parentId: number | null;
  level: 'county' | 'township' | 'village' | 'compound';
  name: string;
  nameEn: string;
}

export interface PlacePickerProps {
  places: PickerPlace[];
  name: string;
  /** Legend of the group, e.g. "Where you live". */
  label: string;
  defaultValue?: number | null;
  /** Set when a village/community must be chosen but was not (already translated). */
  error?: string | null;
  /** Prefix of the select ids; the township select is `${idPrefix}-township` (for error links). */
  idPrefix?: string;
  /** Whether the compound level is offered (a grievance may stop at the village). Default true. */
  withCompound?: boolean;
  /** Called with the chosen place id (or null) whenever it changes. */
  onChange?: (placeId: number | null) => void;
}

export function PlacePicker({ places, name, label, defaultValue = null, error, idPrefix = 'place', withCompound = true, onChange }: PlacePickerProps) {
  const t = useTranslations();
  const locale = useUiLocale();
  const byId = useMemo(() => new Map(places.map((p) => [p.id, p])), [places]);
  const childrenOf = (parentId: number | null, level: PickerPlace['level']) => places.filter((p) => p.parentId === parentId && p.level === level);

  // Rebuild the chain of an existing choice (compound → village → township).
  const initial = useMemo(() => {
    const chain: Partial<Record<PickerPlace['level'], number>> = {};
    let p = defaultValue != null ? byId.get(defaultValue) : undefined;
    while (p) {
      chain[p.level] = p.id;
      p = p.parentId != null ? byId.get(p.parentId) : undefined;
    }
    return chain;
  }, [defaultValue, byId]);

  const [township, setTownship] = useState<number | null>(initial.township ?? null);
  const [village, setVillage] = useState<number | null>(initial.village ?? null);
  const [compound, setCompound] = useState<number | null>(initial.compound ?? null);

  // A township picked before the page came alive is taken over by the form around the picker
  // (ref={earlyInput}, components/early-input.ts), which replays it into the onChange below.

  const townships = places.filter((p) => p.level === 'township');
  const villages = township != null ? childrenOf(township, 'village') : [];
  const compounds = withCompound && village != null ? childrenOf(village, 'compound') : [];
  const chosen = compound ?? village;
  const shown = (p: PickerPlace) => (locale === 'en' ? p.nameEn : p.name);
  const num = (v: string) => (v === '' ? null : Number(v));

  const errorId = `${idPrefix}-error`;
  const aria = (missing: boolean) => (error && missing ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {});

  return (
    <fieldset className="space-y-3">
      <legend className="font-medium text-slate-900">{label}</legend>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-township`} className="block text-slate-800">
          {t('household.place.township')}
        </label>
        <select
          id={`${idPrefix}-township`}
          value={township ?? ''}
          onChange={(e) => {
            setTownship(num(e.target.value));
            setVillage(null);
            setCompound(null);
            onChange?.(null);
          }}
          className={inputClass}
          {...aria(township == null)}
        >
          <option value="">{t('household.place.choose')}</option>
          {townships.map((p) => (
            <option key={p.id} value={p.id}>
              {shown(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-village`} className="block text-slate-800">
          {t('household.place.village')}
        </label>
        <select
          id={`${idPrefix}-village`}
          value={village ?? ''}
          disabled={township == null}
          onChange={(e) => {
            const v = num(e.target.value);
            setVillage(v);
            setCompound(null);
            onChange?.(v);
          }}
          className={`${inputClass} disabled:bg-slate-100`}
          {...aria(township != null && village == null)}
        >
          <option value="">{township == null ? t('household.place.chooseTownshipFirst') : t('household.place.choose')}</option>
          {villages.map((p) => (
            <option key={p.id} value={p.id}>
              {shown(p)}
            </option>
          ))}
        </select>
      </div>
      {compounds.length > 0 ? (
        <div className="space-y-1">
          <label htmlFor={`${idPrefix}-compound`} className="block text-slate-800">
            {t('household.place.compound')}
          </label>
          <select
            id={`${idPrefix}-compound`}
            value={compound ?? ''}
            onChange={(e) => {
              const c = num(e.target.value);
              setCompound(c);
              onChange?.(c ?? village);
            }}
            className={inputClass}
          >
            <option value="">{t('household.place.noCompound')}</option>
            {compounds.map((p) => (
              <option key={p.id} value={p.id}>
                {shown(p)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <input type="hidden" name={name} value={chosen ?? ''} />
      {error ? (
        <p id={errorId} className="font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
