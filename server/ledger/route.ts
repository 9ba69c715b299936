import 'server-only';
// The one shape of a ledger export route (issue 11 item 2): edit this file when every ledger
// download should change at once. A route file only says which capability it needs and how to
// load its rows (the use case, which scopes them and writes the audit row before the first
// byte); this does the rest in a fixed order:
//   format (404) → [POST: from this site (403)] → session (401) → capability (403)
//   → [POST: pii:reveal (403) → reason (400)]
//   → load (AppError: 403 / 404 / 409 / 429 / 400) → the streamed CSV or .xlsx.
// In a clear copy, the rows of households the reader must step aside from stay masked
// (`householdOf`); a file for a bank or a company, which cannot use a masked row, is refused
// whole instead (409, server/ledger/reveal.ts).
// GET is masked. POST with a `reason` form field reveals names, phones and ID numbers for a
// role with `pii:reveal`; the use case records `revealed: true` and the reason in the same
// audit row, and the file name says it is the clear copy so nobody mixes the two up.
// Lives in server/ rather than lib/ledger/ because it reads the session and calls use cases.
import { getTranslations } from 'next-intl/server';
import { clientIp } from '@/lib/client-address';
import { AppError } from '@/lib/errors';
import { loose, type LooseTranslate } from '@/lib/i18n/loose';
import { labelColumns, type LedgerColumn } from '@/lib/ledger/columns';
import { ledgerResponse } from '@/lib/ledger/export';
import { parseLedgerFormat, parseRevealReason, type LedgerFileFormat } from '@/lib/ledger/reveal';
import { can, dutyConflict, type Actor, type Capability } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/session';
import type { LedgerReveal } from './reveal';

/** Response header with the number of rows the file will hold, sent only when it costs nothing (a stored count). */
export const LEDGER_ROWS_HEADER = 'X-Ledger-Rows';

export interface LedgerRouteContext<P> {
  request: Request;
  /** The route's path parameters (after `validParams` accepted them). */
  params: P;
  format: LedgerFileFormat;
  actor: Actor;
  ip: string | null;
  /** Null for GET (masked). Pass it to the use case: it re-checks it and audits it. */
  reveal: LedgerReveal | null;
  /** Chinese, whatever the reader's language: ledgers go to companies, banks and archives. */
  t: LooseTranslate;
  searchParams: URLSearchParams;
  now: Date;
}

export interface LoadedLedger<Row> {
  rows: AsyncIterable<Row> | Iterable<Row>;
  /** Unlabelled: headers are message keys, translated here with `t`. */
  columns: readonly LedgerColumn<Row>[];
  /** Without extension; the helper adds the clear-copy suffix when revealed. */
  filename: string;
  sheet: string;
  /** The file's row count, when the use case already knows it (a list's stored count). */
  expectedRows?: number;
  /**
   * The household a row is about. In a clear copy the rows of a household the reader must step
   * aside from (their own, or a declared relative's: lib/permissions.ts dutyConflict) stay
   * masked. Null for a ledger without households (audit log, stock point), and for a file sent
   * to a third party (bank file, waiver list), whose use case refuses a clear copy holding such
   * a household instead: a bank cannot pay a masked row.
   */
  householdOf: ((row: NoInfer<Row>) => string | null) | null;
}

export interface LedgerRouteSpec<P, Row> {
  capability: Capability;
  /** False for ledgers without names, phones or ID numbers (audit log, stock point): POST is refused with 405. */
  personalData: boolean;
  /** The formats the route offers; the `format` path parameter picks one (routes without it get the first). */
  formats?: readonly LedgerFileFormat[];
  /** Checks the other path parameters; false answers 404 before the session is read. */
  validParams?: (params: P) => boolean;
  /** The use case call. A `Response` (e.g. 400 for a bad filter, 404) is returned as it is. */
  load: (ctx: LedgerRouteContext<P>) => Promise<LoadedLedger<Row> | Response>;
}

/** `householdOf` for a ledger whose rows carry their household's id. */
export const byHouseholdId = (row: { householdId: string | null }): string | null => row.householdId;

type RouteArgs<P> = { params: Promise<P> };
type Handler<P> = (request: Request, args: RouteArgs<P>) => Promise<Response>;

const CROSS_SITE = new Set(['cross-site', 'same-site']);

const status = (code: number) => new Response(null, { status: code, headers: { 'Cache-Control': 'private, no-store' } });

function statusOf(err: AppError): number {
  if (err.kind === 'forbidden' || err.kind === 'unauthenticated') return 403;
  if (err.kind === 'not_found') return 404;
  if (err.kind === 'rate_limited') return 429;
  // conflict:step_aside: a clear copy of a file holding a household the reader must step aside from.
  if (err.kind === 'conflict') return 409;
  return 400;
}

export function ledgerRoute<P extends Record<string, string>, Row>(spec: LedgerRouteSpec<P, Row>): { GET: Handler<P>; POST: Handler<P> } {
  const formats = spec.formats ?? (['csv', 'xlsx'] as const);

  async function handle(request: Request, args: RouteArgs<P>, mode: 'get' | 'post'): Promise<Response> {
    const params = await args.params;
    const format = 'format' in params ? parseLedgerFormat(params.format) : (formats[0] ?? null);
    if (!format || !formats.includes(format)) return status(404);
    if (spec.validParams && !spec.validParams(params)) return status(404);
    if (mode === 'post' && !spec.personalData) return new Response(null, { status: 405, headers: { Allow: 'GET' } });
    // A reveal is a state-changing POST (it writes an audit row and releases personal data): a
    // page of another site must not be able to send it with the person's cookies. Browsers say
    // where a request comes from in Sec-Fetch-Site; clients that send none (tests, scripts) pass.
    if (mode === 'post' && CROSS_SITE.has(request.headers.get('sec-fetch-site') ?? '')) return status(403);
    const user = await getCurrentUser();
    if (!user) return status(401);
    if (!can(user.role, spec.capability)) return status(403);

    let reveal: LedgerReveal | null = null;
    if (mode === 'post') {
      if (!can(user.role, 'pii:reveal')) return status(403);
      const form = await request.formData().catch(() => null);
      const parsed = parseRevealReason(form?.get('reason'));
      if (!parsed.ok) return status(400);
      reveal = { reason: parsed.reason };
    }

    const t = loose(await getTranslations({ locale: 'zh-CN' }));
    let loaded: LoadedLedger<Row> | Response;
    try {
      loaded = await spec.load({
        request,
        params,
        format,
        actor: user,
        ip: clientIp(request.headers),
        reveal,
        t,
        searchParams: new URL(request.url).searchParams,
        now: new Date(),
      });
    } catch (err) {
      if (err instanceof AppError) return status(statusOf(err));
      throw err;
    }
    if (loaded instanceof Response) return loaded;

    // Only reached after the use case accepted the reveal and wrote its audit row.
    const revealed = reveal !== null;
    const filename = revealed ? `${loaded.filename}-${t('ledgerExport.file.revealed')}` : loaded.filename;
    const householdOf = loaded.householdOf;
    const keepMasked = revealed && householdOf ? (row: Row) => dutyConflict(user, { ownerUserId: null, householdId: householdOf(row) }) !== null : undefined;
    const response = ledgerResponse({ columns: labelColumns(loaded.columns, t), rows: loaded.rows, format, filename, sheetName: loaded.sheet, reveal: revealed, keepMasked });
    if (loaded.expectedRows !== undefined) response.headers.set(LEDGER_ROWS_HEADER, String(loaded.expectedRows));
    return response;
  }

  return {
    GET: (request, args) => handle(request, args, 'get'),
    POST: (request, args) => handle(request, args, 'post'),
  };
}
