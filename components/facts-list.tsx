// A household's damage facts: the declared value and, beside it, whether a cadre verified it.
import { BadgeCheck, Hourglass } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import { formatFactValue } from '@/lib/facts';

export interface FactRow {
  key: string;
  declaredValue: unknown;
  verifiedValue: unknown;
  /** Declared by a cadre for the household (代办): said under the value. */
  declaredForHousehold?: boolean;
}

export function FactsList({ facts }: { facts: FactRow[] }) {
  const t = loose(useTranslations());
  return (
    <dl className="divide-y divide-slate-100">
      {facts.map((f) => {
        const verified = f.verifiedValue !== null && f.verifiedValue !== undefined;
        const declared = f.declaredValue !== null && f.declaredValue !== undefined;
        // Declared again after a cadre verified: the verified value stands, the new one waits.
        const redeclared = verified && declared && JSON.stringify(f.declaredValue) !== JSON.stringify(f.verifiedValue);
        return (
          <div key={f.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <dt className="text-slate-700">{t(`facts.${f.key}`)}</dt>
            <dd className="flex flex-col items-end gap-1 font-medium">
              <span className="flex items-center gap-2">
                <span>{formatFactValue(t, f.key, verified ? f.verifiedValue : f.declaredValue)}</span>
                {verified ? (
                  <span className="inline-flex items-center gap-1 text-sm text-green-800">
                    <BadgeCheck aria-hidden="true" className="h-4 w-4" />
                    {t('facts.verified')}
                  </span>
                ) : (
                  <span className="inline-flex items-center gap-1 text-sm text-amber-900">
                    <Hourglass aria-hidden="true" className="h-4 w-4" />
                    {t('facts.awaiting')}
                  </span>
                )}
              </span>
              {redeclared ? (
                <span className="inline-flex items-center gap-1 text-sm font-normal text-amber-900">
                  <Hourglass aria-hidden="true" className="h-4 w-4" />
                  {t('household.redeclared', { value: formatFactValue(t, f.key, f.declaredValue) })}
                </span>
              ) : null}
              {f.declaredForHousehold ? <span className="text-sm font-normal text-slate-700">{t('facts.declaredForHousehold')}</span> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
