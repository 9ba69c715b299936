// The household's payee account as a card (issue 10 item 6): kind, bank and ****1234, who holds
// it (a warning when that is not the head of household), and the form to add or change it. The
// page reads the account and hands over the action it may use; staff pages add a reveal.
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui';
import { maskAccount, type PayeeAccountKind } from '@/lib/payee';
import { PayeeAccountForm, type PayeeSaved } from './payee-account-form';
import type { ActionResult } from '@/lib/action-result';

export interface PayeeAccountShown {
  kind: PayeeAccountKind;
  bankName: string;
  holderName: string;
  last4: string;
  version: number;
}

export function PayeeAccountCard({
  account,
  holderDiffers,
  headName,
  action,
  householdId,
  reveal,
}: {
  account: PayeeAccountShown | null;
  holderDiffers: boolean;
  /**
   * Offered as the holder in the form: the head's name on the resident's own page. Staff pages
   * pass "" and show the holder masked (TRUST P2): the staff member types the name, and a
   * masked one is never sent back as if it were the holder's.
   */
  headName: string;
  /** Absent: the account is shown but cannot be changed here. */
  action?: (state: ActionResult<PayeeSaved> | null, fd: FormData) => Promise<ActionResult<PayeeSaved>>;
  householdId?: string;
  reveal?: ReactNode;
}) {
  const t = useTranslations();
  return (
    <Card title={t('payee.title')}>
      <div className="space-y-3" data-testid="payee-account">
        <p className="text-slate-700">{t('payee.lead')}</p>
        {account ? (
          <div className="space-y-1">
            <p className="font-medium text-slate-900">
              <span data-masked="payeeAccount">{t('payee.shown', { kind: t(`payee.kind.${account.kind}`), bank: account.bankName, account: maskAccount(account.last4) })}</span>
            </p>
            <p className="text-slate-700">{t('payee.holder', { name: account.holderName })}</p>
            {holderDiffers ? <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('payee.holderDiffers')}</p> : null}
            {reveal}
          </div>
        ) : (
          <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('payee.none')}</p>
        )}
        {action ? (
          <details className="rounded-lg border border-slate-200 bg-slate-50 p-3">
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{account ? t('payee.form.change') : t('payee.form.add')}</summary>
            <div className="mt-3">
              <PayeeAccountForm
                action={action}
                householdId={householdId}
                version={account?.version ?? null}
                initial={{ kind: account?.kind ?? 'bank_card', bankName: account?.bankName ?? '', holderName: headName === '' ? '' : (account?.holderName ?? headName) }}
              />
            </div>
          </details>
        ) : null}
      </div>
    </Card>
  );
}
