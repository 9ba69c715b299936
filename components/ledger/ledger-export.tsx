// What a ledger page renders where its export is offered: the export buttons with the messages
// they need (a server component, so a page swaps its markup for one element). `canReveal` comes
// from can(role, 'pii:reveal') for ledgers with personal data; it only shows the form, the
// route checks it again.
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { LedgerExportButtons, type LedgerExportLink } from './export-buttons';

export type { LedgerExportLink };

export function LedgerExport({ links, canReveal = false }: { links: readonly LedgerExportLink[]; canReveal?: boolean }) {
  return (
    <ClientMessages pick={CLIENT_MESSAGES.ledgerExport}>
      <LedgerExportButtons links={links} canReveal={canReveal} />
    </ClientMessages>
  );
}
