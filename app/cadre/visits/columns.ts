// The visits ledger's columns live with the use case (server/visits/ledger-columns.ts), now that
// officials export the same ledger from /county/visits.
export { visitLedgerColumns } from '@/server/visits/ledger-columns';
