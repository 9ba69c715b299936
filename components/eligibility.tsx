// What a programme gives (waiver, repair, money, materials) and why a household does or does
// not qualify, in words, from the rule results of lib/programs. Used by the resident's
// "what I may receive", the application review and the case pages; works on the server and
// in the browser (next-intl's hooks; client pages hand in the rules, materials and apply namespaces).
import { CheckCircle2, Hourglass, XCircle } from 'lucide-react';
import type { Entitlement, PreviewOutcome, Reason } from '@/lib/programs';
import { useFormatter, useTranslations } from 'next-intl';
import { loose, type LooseTranslate } from '@/lib/i18n/loose';

type NumberFormatter = (n: number) => string;

/** The entitlement as sentences: a headline, then one line per item where there are several. */
export function entitlementLines(t: LooseTranslate, formatNumber: NumberFormatter, e: Entitlement | null | undefined): string[] {
  if (!e) return [];
  switch (e.kind) {
    case 'waiver': {
      const lines: string[] = [];
      if (e.season) lines.push(t('rules.entitlement.waiverSeason'));
      if (e.years) lines.push(t('rules.entitlement.waiverYears', { years: e.years }));
      return lines;
    }
    case 'repair':
      return [t('rules.entitlement.repair', { boilers: e.units.boilers, heatPumps: e.units.heatPumps })];
    case 'cash': {
      const head = t('rules.entitlement.cash', { amount: formatNumber(e.amountYuan) });
      const lines = (e.breakdown ?? []).map((l) =>
        t(`rules.entitlement.cashLine.${l.item}`, { units: l.units, rate: formatNumber(l.rateYuan), amount: formatNumber(l.amountYuan) }),
      );
      return [head, ...lines];
    }
    case 'materials':
      return e.items.map((i) => t('rules.entitlement.materialsLine', { material: t(`materials.${i.material}`), tonnes: formatNumber(i.tonnes) }));
  }
}

/** For entitlementLines: numbers with grouping, as both languages write them. */
export function useNumberFormatter(): NumberFormatter {
  const format = useFormatter();
  return (n) => format.number(n, 'plain');
}

export function EntitlementList({ entitlement }: { entitlement: Entitlement | null | undefined }) {
  return <EntitlementLines lines={entitlementLines(loose(useTranslations()), useNumberFormatter(), entitlement)} />;
}

/** The sentences of `entitlementLines`, the headline first; for a page that worked them out already. */
export function EntitlementLines({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-1">
      {lines.map((l, i) => (
        <li key={l} className={i === 0 ? 'font-semibold text-slate-900' : 'text-slate-700'}>
          {l}
        </li>
      ))}
    </ul>
  );
}

export const isAwaitingReason = (r: Reason) => r.code.startsWith('rules.unknown.');

/**
 * One line per condition of the rule: met, not met, or awaiting verification (icon + word, never colour alone).
 * `forHousehold`: on a staff page (a case, a form a cadre fills for the household) the lines speak about
 * "this household" (该户), not to "you" (您家): a line whose words differ has its own key under
 * `rulesHousehold`, every other line reads the same as the resident's.
 */
export function ReasonList({ reasons, forHousehold = false }: { reasons: readonly Reason[]; forHousehold?: boolean }) {
  const t = useTranslations();
  const tl = loose(t);
  if (reasons.length === 0) return null;
  const sentence = (r: Reason) => {
    const own = householdReasonKey(r.code);
    // A computed key: messages.test.ts checks rulesHousehold against rules.
    return forHousehold && own && t.has(own as Parameters<typeof t.has>[0]) ? tl(own, r.params) : tl(r.code, r.params);
  };
  return (
    <ul className="space-y-1">
      {reasons.map((r) => {
        const awaiting = isAwaitingReason(r);
        const Icon = awaiting ? Hourglass : r.passed ? CheckCircle2 : XCircle;
        const tone = awaiting ? 'text-amber-900' : r.passed ? 'text-green-800' : 'text-red-800';
        const word = awaiting ? tl('rules.outcome.unknown') : r.passed ? tl('rules.outcome.passed') : tl('rules.outcome.failed');
        return (
          <li key={r.code} className="flex items-start gap-2">
            <Icon aria-hidden="true" className={`mt-1 h-4 w-4 shrink-0 ${tone}`} />
            <span>
              <span className={`font-medium ${tone}`}>{word}</span>
              <span className="text-slate-800">
                {tl('apply.colon')}
                {sentence(r)}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** 'rules.unknown.kind' → 'rulesHousehold.unknown.kind': where a reason's staff wording would be, if it has one. */
function householdReasonKey(code: string): string | null {
  return code.startsWith('rules.') ? `rulesHousehold.${code.slice('rules.'.length)}` : null;
}

/**
 * The preview outcome as a badge: qualifies / may qualify once verified / does not qualify.
 * `forHousehold`: on a staff page about the household, the words address no reader ("May qualify", not "You may qualify").
 */
export function OutcomeBadge({ outcome, forHousehold = false }: { outcome: PreviewOutcome; forHousehold?: boolean }) {
  const t = useTranslations();
  const spec =
    outcome === 'qualifies'
      ? { Icon: CheckCircle2, tone: 'bg-green-50 text-green-800 ring-green-700/30' }
      : outcome === 'may_qualify'
        ? { Icon: Hourglass, tone: 'bg-amber-50 text-amber-900 ring-amber-700/30' }
        : { Icon: XCircle, tone: 'bg-slate-100 text-slate-700 ring-slate-600/30' };
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${spec.tone}`}>
      <spec.Icon aria-hidden="true" className="h-4 w-4" />
      {forHousehold ? t(`rules.previewHousehold.${outcome}`) : t(`rules.preview.${outcome}`)}
    </span>
  );
}
