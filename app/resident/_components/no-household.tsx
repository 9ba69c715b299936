// What a resident without a registered household sees on pages that need one.
import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui';

export function NoHouseholdYet() {
  const t = useTranslations();
  return (
    <EmptyState href="/resident/household" cta={t('benefits.noHousehold.cta')}>
      {t('benefits.noHousehold.body')}
    </EmptyState>
  );
}
