import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { declaredRelatives, hasOwnIdNumber } from '@/db/queries/staff-relatives';
import { requireCapability } from '@/lib/session';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { DeclareRelativeForm, OwnIdNumberForm, WithdrawRelativeButton } from './relative-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreRelatives.title') };
}

/** Conflict of interest (回避): the cadre's own ID number and declared relatives, whose households another cadre handles. */
export default async function RelativesPage() {
  const user = await requireCapability('relative:declare', '/account/relatives');
  const db = getDb();
  const [t, format, relatives, ownSet] = await Promise.all([getTranslations(), getFormatter(), declaredRelatives({ db, userId: user.id }), hasOwnIdNumber({ db, userId: user.id })]);
  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreRelatives.lead')}>{t('cadreRelatives.title')}</PageTitle>
      <p className="rounded-lg border border-slate-200 bg-white p-3 text-slate-800" data-testid="recused-count">
        {t('cadreRelatives.recused', { count: user.conflictHouseholdIds?.length ?? 0 })}
      </p>
      <ClientMessages pick={CLIENT_MESSAGES.relatives}>
        {ownSet ? null : (
          <Card title={t('cadreRelatives.own.title')}>
            <OwnIdNumberForm />
          </Card>
        )}
        <Card title={t('cadreRelatives.declare.title')}>
          <DeclareRelativeForm />
        </Card>
        <Card title={t('cadreRelatives.list.title')}>
          {relatives.length === 0 ? (
            <EmptyState>{t('cadreRelatives.list.empty')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {relatives.map((r) => (
                <li key={r.idNumberHash} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="relative">
                  <div>
                    <p className="font-mono">{r.idNumberMasked}</p>
                    <p className="text-sm text-slate-600">
                      {t(`cadreRelatives.relations.${r.relation as 'other'}`)} · {t('cadreRelatives.list.since', { date: format.dateTime(r.declaredAt, 'date') })}
                    </p>
                  </div>
                  <WithdrawRelativeButton relative={r.idNumberHash} label={t('cadreRelatives.list.withdrawLabel', { id: r.idNumberMasked })} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </ClientMessages>
    </div>
  );
}
