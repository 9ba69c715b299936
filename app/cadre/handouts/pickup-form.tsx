'use client';
// At the distribution point: the cadre types the pickup code from the resident's voucher (or a
// scanner pastes what the voucher's QR encodes: the same 8 characters), sees the household
// (masked) and what is due, checks it with the resident and confirms. A wrong code is told
// beside the field, and the text typed is kept.
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { PackageCheck, Search } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { Field, firstError, inputClass, Notice } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { submitKeepingFields } from '@/components/grievances/action-problem';
import { checkPickupCodeAction, handOutMaterialsAction } from './actions';
import { earlyInput } from '@/components/early-input';

interface Found {
  applicationId: string;
  reference: string;
  version: number;
  headNameMasked: string;
  placeName: string;
  placeNameEn: string;
  items: { material: 'rebar' | 'sand'; tonnes: number }[];
  point: { name: string; nameEn: string } | null;
  code: string;
}
type CheckState = ActionResult<Found> | null;
type IssueState = ActionResult<{ applicationId: string }> | null;

/** The sentence for a refusal of either step (null when there is none). */
function refusalKey(state: ActionResult<unknown> | null): string | null {
  if (!state || state.status === 'ok' || state.status === 'invalid') return null;
  if (state.status === 'not_found') return 'cadreHandouts.pickup.wrongCode';
  if (state.status === 'rate_limited') return 'cadreHandouts.pickup.tooManyWrong';
  if (state.status === 'conflict' && state.code === 'out_of_stock:materials') return 'cadreHandouts.pickup.outOfStock';
  if (state.status === 'conflict' && state.code === 'conflict:pickup_expired') return 'cadreHandouts.pickup.expired';
  if (state.status === 'conflict') return 'cadreHandouts.pickup.changed';
  if (state.status === 'forbidden') return 'cadreHandouts.pickup.forbidden';
  return 'cadreHandouts.pickup.failed';
}

/** `pickupDays`: how long a voucher stays good (lib/pickup-window.ts, which the browser does not load), for the refusal of a lapsed one. */
export function PickupForm({ locale, pickupDays }: { locale: string; pickupDays: number }) {
  const t = useTranslations();
  const tl = loose(t);
  const [checked, checkAction, checking] = useActionState<CheckState, FormData>(checkPickupCodeAction, null);
  const [issued, issueAction, issuing] = useActionState<IssueState, FormData>(handOutMaterialsAction, null);
  const [code, setCode] = useState('');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const found = checked?.status === 'ok' && checked.data.applicationId !== dismissed ? checked.data : null;
  // The answer of the confirm step belongs to the case it confirmed, not to the next code checked.
  const done = found && issued?.status === 'ok' && issued.data.applicationId === found.applicationId ? found : null;
  const issueRefusal = found && issued && issued.status !== 'ok' ? refusalKey(issued) : null;
  const submitCheck = submitKeepingFields(checkAction);
  const codeError = firstError(tl, checked?.status === 'invalid' ? checked.fieldErrors : undefined, 'code');
  const refusal = refusalKey(checked);
  const fieldError = codeError ?? (refusal ? tl(refusal, { days: pickupDays }) : null);

  return (
    <div className="space-y-4">
      <form ref={earlyInput}
        action={checkAction}
        onSubmit={(e) => {
          setDismissed(null);
          submitCheck(e);
        }}
        noValidate className="space-y-3">
        <Field id="pickup-code" label={t('cadreHandouts.pickup.code')} hint={t('cadreHandouts.pickup.codeHint')} error={fieldError}>
          {(aria) => (
            <input
              {...aria}
              name="code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              inputMode="text"
              maxLength={40}
              className={`${inputClass} font-mono tracking-widest uppercase`}
            />
          )}
        </Field>
        <button type="submit" className={buttonClass} disabled={checking}>
          <Search aria-hidden="true" className="h-5 w-5" />
          {checking ? t('cadreHandouts.pickup.checking') : t('cadreHandouts.pickup.check')}
        </button>
      </form>

      {done ? (
        <Notice tone="done">
          {t('cadreHandouts.pickup.issued', { reference: done.reference, name: done.headNameMasked })}
        </Notice>
      ) : found ? (
        <section aria-labelledby="pickup-found" className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-4">
          <h3 id="pickup-found" className="text-lg font-semibold">
            {t('cadreHandouts.pickup.foundTitle')}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-600">{t('cadreHandouts.columns.reference')}</dt>
            <dd className="font-mono">{found.reference}</dd>
            <dt className="text-slate-600">{t('cadreHandouts.columns.household')}</dt>
            <dd>{found.headNameMasked}</dd>
            <dt className="text-slate-600">{t('cadreHandouts.columns.place')}</dt>
            <dd>{locale === 'en' ? found.placeNameEn : found.placeName}</dd>
            <dt className="text-slate-600">{t('cadreHandouts.columns.due')}</dt>
            <dd>
              <ul>
                {found.items.map((i) => (
                  <li key={i.material}>{t('cadreHandouts.item', { material: t(`materials.${i.material}`), tonnes: i.tonnes })}</li>
                ))}
              </ul>
            </dd>
            {found.point ? (
              <>
                <dt className="text-slate-600">{t('cadreHandouts.columns.point')}</dt>
                <dd>{locale === 'en' ? found.point.nameEn : found.point.name}</dd>
              </>
            ) : null}
          </dl>
          <p className="text-slate-700">{t('cadreHandouts.pickup.confirmHint')}</p>
          {issueRefusal ? (
            <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 font-medium text-red-900">
              {tl(issueRefusal, { days: pickupDays })}
            </div>
          ) : null}
          <form ref={earlyInput} action={issueAction} onSubmit={submitKeepingFields(issueAction)} className="flex flex-wrap gap-3">
            <input type="hidden" name="code" value={found.code} />
            <input type="hidden" name="applicationId" value={found.applicationId} />
            <input type="hidden" name="version" value={found.version} />
            <button type="submit" className={buttonClass} disabled={issuing}>
              <PackageCheck aria-hidden="true" className="h-5 w-5" />
              {issuing ? t('cadreHandouts.pickup.issuing') : t('cadreHandouts.pickup.confirm')}
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setDismissed(found.applicationId);
                setCode('');
              }}
            >
              {t('cadreHandouts.pickup.cancel')}
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
