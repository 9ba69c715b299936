// What every page shows while the database has no places or no official yet (a real
// deployment before `npm run setup` and `npm run create-official`): a plain explanation
// instead of empty lists and failing forms. The operator's steps are in the start log and README.
import { useTranslations } from 'next-intl';
import { Card, PageTitle } from './ui';

export function NotSetUp() {
  const t = useTranslations();
  return (
    <div className="mx-auto max-w-xl space-y-4" data-testid="not-set-up">
      <PageTitle lead={t('setup.lead')}>{t('setup.title')}</PageTitle>
      <Card>
        <p className="text-slate-800">{t('setup.operator')}</p>
      </Card>
    </div>
  );
}
