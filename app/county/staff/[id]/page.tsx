import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { assignablePlaces, findStaffInScope } from '@/db/queries/staff-admin';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { maskPhone } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { AssignPlaceForm, ResetPasswordForm, SetActiveForm, UnassignPlaceButton } from '../staff-forms';
import { placeOptions } from '../places';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('staff.person.title') };
}

/** One staff member inside the official's places: their places, password reset, deactivation. Outside the scope: not found. */
export default async function StaffPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCapability('staff:manage', `/county/staff/${id}`);
  const db = getDb();
  const person = await findStaffInScope({ db, actor: user, userId: id });
  if (!person) notFound();
  const [t, locale, places] = await Promise.all([getTranslations(), getUiLocale(), assignablePlaces({ db, actor: user })]);
  const self = person.id === user.id;
  let phone = '—';
  try {
    phone = maskPhone(openPii(person.phoneEnc));
  } catch {
    // A phone sealed under a key no longer held: shown as unknown rather than failing the page.
  }
  const held = new Set(person.places.map((p) => p.id));
  const options = placeOptions(places, locale).filter((p) => !held.has(p.id));
  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/staff" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('staff.back')}
        </Link>
      </p>
      <PageTitle lead={`${t(`roles.${person.role}`)} · ${phone}`}>{person.realName}</PageTitle>
      <p className="text-slate-800" data-testid="staff-status">
        {person.active ? t('staff.active.yes') : t('staff.active.no')}
        {person.mustChangePassword ? ` · ${t('staff.person.mustChange')}` : ''}
      </p>
      {self ? <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('staff.person.self')}</p> : null}
      <ClientMessages pick={CLIENT_MESSAGES.staffAdmin}>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t('staff.places.title')}>
            <ul className="divide-y divide-slate-100" data-testid="staff-places">
              {person.places.map((p) => {
                const name = locale === 'en' ? p.nameEn : p.name;
                return (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                    <span>{name}</span>
                    {self || person.places.length <= 1 ? null : <UnassignPlaceButton userId={person.id} placeId={p.id} label={t('staff.places.unassignLabel', { place: name })} />}
                  </li>
                );
              })}
            </ul>
            {self ? null : (
              <div className="mt-4">
                <AssignPlaceForm userId={person.id} places={options} />
              </div>
            )}
          </Card>
          {self ? null : (
            <div className="space-y-6">
              <Card title={t('staff.reset.title')}>
                <ResetPasswordForm userId={person.id} />
              </Card>
              <Card title={person.active ? t('staff.active.deactivate') : t('staff.active.reactivate')}>
                <SetActiveForm userId={person.id} active={person.active} />
              </Card>
            </div>
          )}
        </div>
      </ClientMessages>
    </div>
  );
}
