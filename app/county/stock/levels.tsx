// One point's figures per material, in tonnes: on hand, reserved for approved cases (on hand −
// available), available for new approvals, and handed out to date. A small grid of figures
// that reads the same on a phone and a wide screen (points are few; each is a card).
import { getFormatter, getTranslations } from 'next-intl/server';
import type { PointLevel } from '@/db/queries/stock';

export async function Levels({ levels, pointId }: { levels: PointLevel[]; pointId: number }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const tonnes = (kg: number) => t('countyStock.tonnes', { n: format.number(kg / 1000, 'plain') });
  return (
    <div className="space-y-3">
      {levels.map((l) => (
        <div key={l.material} className="rounded-lg border border-slate-200 p-3" data-testid={`level-${pointId}-${l.material}`}>
          <h3 className="font-semibold text-slate-900">{t(`countyStock.material.${l.material}`)}</h3>
          <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4">
            <div>
              <dt className="text-sm text-slate-600">{t('countyStock.figures.onHand')}</dt>
              <dd className="text-lg font-semibold text-slate-900" data-testid="on-hand">
                {tonnes(l.onHandKg)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('countyStock.figures.reserved')}</dt>
              <dd className="text-lg font-semibold text-slate-900" data-testid="reserved">
                {tonnes(l.onHandKg - l.availableKg)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('countyStock.figures.available')}</dt>
              <dd className="text-lg font-semibold text-slate-900" data-testid="available">
                {tonnes(l.availableKg)}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t('countyStock.figures.issued')}</dt>
              <dd className="text-lg font-semibold text-slate-900" data-testid="issued">
                {tonnes(l.issuedKg)}
              </dd>
            </div>
          </dl>
        </div>
      ))}
    </div>
  );
}
