// Objections to public notices (公示) in the cadre's places still waiting for an answer, oldest
// first in keyset pages. Each links to its case, where the answer form is (upheld or
// dismissed with a reason). An objection the cadre lodged themselves is marked: another cadre
// must answer it (the use case refuses it too).
import type { Metadata } from 'next';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { getDb } from '@/db/client';
import { openObjectionsPage } from '@/db/queries/cadre-objections';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskName } from '@/lib/pii';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { decodeTimeCursor, encodeCursor } from '@/lib/url-cursor';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreInbox.objections.title') };
}

export default async function CadreObjectionsPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const user = await requireCapability('objection:answer', '/cadre/objections');
  const after = decodeTimeCursor((await searchParams).after);
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const { rows, next } = await openObjectionsPage({ db: getDb(), scopePaths: user.placePaths, viewerId: user.id, after });

  return (
    <div className="space-y-6">
      <p>
        <Link href="/cadre/inbox" className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t('cadreInbox.objections.back')}
        </Link>
      </p>
      <PageTitle lead={t('cadreInbox.objections.lead')}>{t('cadreInbox.objections.title')}</PageTitle>
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{after ? t('cadreInbox.objections.noMore') : t('cadreInbox.objections.empty')}</EmptyState>
        ) : (
          <ul aria-label={t('cadreInbox.objections.title')} className="divide-y divide-slate-200">
            {rows.map((o) => (
              <li key={o.id}>
                <Link href={`/cadre/cases/${o.applicationId}`} className="flex min-h-11 items-center gap-3 py-3 hover:bg-slate-50">
                  <span className="min-w-0 flex-1 space-y-1">
                    <span className="block font-semibold text-slate-900">
                      <span className="font-mono">{o.reference}</span> · {maskName(o.headName)} · {locale === 'en' ? o.placeNameEn : o.placeName}
                    </span>
                    <span className="block text-slate-700">{t(`programmes.${o.programmeCode}.name`)}</span>
                    <span className="block truncate text-slate-700">{t('cadreInbox.objections.reason', { reason: o.reason })}</span>
                    <span className="block text-sm text-slate-600">
                      {t('cadreInbox.objections.lodged', { date: format.dateTime(o.createdAt, 'date') })}
                      {o.mine ? ` · ${t('cadreInbox.objections.mine')}` : ''}
                    </span>
                  </span>
                  <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0 text-slate-500" />
                </Link>
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <p className="mt-4">
            <Link href={`/cadre/objections?after=${encodeCursor([next.at, next.id])}`} className={secondaryButtonClass}>
              {t('cadreInbox.loadMore')}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
