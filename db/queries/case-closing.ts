import 'server-only';
// The step that closed a case, read with each row of a list so that its status badge can tell an
// expired voucher from a withdrawal and a repair closed with nothing repaired from a delivery
// (lib/case-status.ts caseStatusLabel). Only withdrawn and fulfilled cases look it up, a case
// leaves neither status, so the event into it is the one that closed it: one probe of
// application_events_app_idx (application_id, at) read backwards, stopping at the first match,
// per row shown. The FROM of the query using it must name `applications` without an alias.
import { sql } from 'drizzle-orm';
import { applicationEvents, applications } from '../schema';
import type { ClosingStep } from '@/lib/case-status';

// Qualified by hand: Drizzle writes a one-table select's columns bare, and a bare "id" inside the
// sub-select would be the event's own id.
const status = sql`${applications}.${sql.identifier(applications.status.name)}`;
const id = sql`${applications}.${sql.identifier(applications.id.name)}`;

export const closingStep = sql<ClosingStep | null>`(CASE WHEN ${status} IN ('withdrawn', 'fulfilled') THEN (
    SELECT jsonb_build_object('action', ce.action, 'details', ce.details) FROM ${applicationEvents} ce
    WHERE ce.application_id = ${id} AND ce.to_status = ${status}
    ORDER BY ce.at DESC, ce.id DESC LIMIT 1) END)`;
