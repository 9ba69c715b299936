import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import QRCode from 'qrcode';
import { z } from 'zod';
import { IdCard, MapPin, Package } from 'lucide-react';
import { getDb } from '@/db/client';
import { residentVoucher } from '@/db/queries/voucher';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { loose } from '@/lib/i18n/loose';
import { can } from '@/lib/permissions';
import { requireRole } from '@/lib/session';
import { Card, PageTitle } from '@/components/ui';
import { CaseStatusBadge } from '@/components/status-badge';
import { groupPickupCode } from '@/components/cases/format';
import { PrintButton } from '@/components/cases/print-button';
import { PICKUP_DAYS, pickupLastDay } from '@/lib/pickup-window';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('voucher.title') };
}

/**
 * The QR code as an SVG data URL for an <img>: the content is our own pickup code (8 characters
 * from a fixed alphabet), rendered by the qrcode package, never markup taken from a request.
 */
async function qrDataUrl(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export default async function VoucherPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole('resident', `/resident/applications/${id}/voucher`);
  if (!can(user.role, 'voucher:view_own') || !z.uuid().safeParse(id).success) notFound();
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const v = await residentVoucher({ db: getDb(), userId: user.id, applicationId: id });
  if (!v) notFound();

  const back = (
    <p className="print:hidden">
      <Link href={`/resident/applications/${v.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
        {t('voucher.back')}
      </Link>
    </p>
  );

  if (v.state !== 'ready' || !v.pickupCode) {
    return (
      <div className="space-y-6">
        {back}
        <PageTitle lead={t(`programmes.${v.programmeCode}.name`)}>{t('voucher.title')}</PageTitle>
        <Card>
          <div className="mb-3">
            <CaseStatusBadge status={v.status} closing={v.closing} lapsed={v.state === 'expired'} word={(s) => t(`status.${s}`)} />
          </div>
          <p className="text-lg text-slate-900">{loose(t)(`voucher.states.${v.state}`, { date: v.fulfilledAt ? format.dateTime(v.fulfilledAt, 'date') : '', days: PICKUP_DAYS })}</p>
        </Card>
      </div>
    );
  }

  const qr = await qrDataUrl(v.pickupCode);
  const grouped = groupPickupCode(v.pickupCode);
  const point = v.point ? { name: locale === 'en' ? v.point.nameEn : v.point.name, address: v.point.address } : null;

  return (
    <div className="mx-auto max-w-xl space-y-6">
      {/* Printed, the voucher stands alone: no site header, navigation or footer. */}
      <style>{'@media print { body > header, header, nav, footer { display: none !important; } main { padding: 0 !important; } }'}</style>
      {back}
      <PageTitle lead={t('voucher.lead')}>{t('voucher.title')}</PageTitle>
      <section aria-labelledby="voucher-code-title" className="rounded-xl border-2 border-slate-900 bg-white p-5 text-center">
        <h2 id="voucher-code-title" className="text-lg font-semibold">
          {t('voucher.codeTitle')}
        </h2>
        <img src={qr} alt={t('voucher.qrAlt', { code: grouped })} width={240} height={240} className="mx-auto my-4 h-60 w-60 [image-rendering:pixelated]" />
        <p className="font-mono text-4xl font-bold tracking-widest" data-testid="pickup-code">
          {grouped}
        </p>
        <p className="mt-2 text-slate-700">{t('voucher.codeHint')}</p>
        <p className="mt-3 text-sm text-slate-600">{t('voucher.reference', { reference: v.reference })}</p>
      </section>

      <Card title={t('voucher.what')}>
        <ul className="space-y-2">
          {v.items.map((i) => (
            <li key={i.material} className="flex items-center gap-2 text-lg">
              <Package aria-hidden="true" className="h-5 w-5 text-brand-700" />
              {t('voucher.item', { material: t(`materials.${i.material}`), tonnes: format.number(i.tonnes, 'plain') })}
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('voucher.where')}>
        {point ? (
          <p className="flex items-start gap-2 text-lg">
            <MapPin aria-hidden="true" className="mt-1 h-5 w-5 shrink-0 text-brand-700" />
            <span>
              <span className="block font-semibold">{point.name}</span>
              {point.address ? <span className="block text-slate-700">{point.address}</span> : null}
            </span>
          </p>
        ) : (
          <p>{t('voucher.noPoint')}</p>
        )}
      </Card>

      <Card title={t('voucher.bring')}>
        <ul className="space-y-2">
          <li className="flex items-start gap-2">
            <IdCard aria-hidden="true" className="mt-1 h-5 w-5 shrink-0 text-brand-700" />
            {t('voucher.bringId')}
          </li>
          <li>{t('voucher.bringVoucher')}</li>
          <li>{t('voucher.bringVehicle')}</li>
        </ul>
        {v.decidedAt ? <p className="mt-3 text-sm text-slate-600">{t('voucher.approvedOn', { date: format.dateTime(v.decidedAt, 'date') })}</p> : null}
        {v.decidedAt ? <p className="mt-1 font-medium text-slate-900">{t('voucher.validUntil', { date: format.dateTime(pickupLastDay(v.decidedAt), 'date') })}</p> : null}
      </Card>
      <div className="print:hidden">
        <PrintButton label={t('voucher.print')} />
      </div>
    </div>
  );
}
