// What a resident without a registered household sees on pages that need one.
import type { Translate } from '@/lib/i18n-core';
import { EmptyState } from '@/components/ui';

export function NoHouseholdYet({ t }: { t: Translate }) {
  return (
    <EmptyState href="/resident/household" cta={t('benefits.noHousehold.cta')}>
      {t('benefits.noHousehold.body')}
    </EmptyState>
  );
}
