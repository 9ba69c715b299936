// The assisted-service (代办) actions offered on a household page of the cadre's places.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function AssistLinks({ householdId }: { householdId: string }) {
  const t = await getTranslations();
  const links = [
    ['', t('cadreAssist.household.title')],
    ['/household', t('cadreAssist.household.details')],
    ['/apply', t('cadreAssist.household.apply')],
    ['/grievance', t('cadreAssist.household.grievance')],
  ] as const;
  return (
    <nav aria-label={t('cadreAssist.household.actions')}>
      <ul className="flex flex-wrap gap-x-4">
        {links.map(([path, label]) => (
          <li key={path}>
            <Link href={`/cadre/assist/${householdId}${path}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
