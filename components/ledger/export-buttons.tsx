'use client';
// The export buttons of every staff ledger (issue 11 item 2). Without JavaScript they are plain
// download links (GET, masked) and a plain form (POST with a reason, in clear). With JavaScript
// the same requests are fetched here so the person sees the download move — rows written (CSV)
// or bytes received (.xlsx), out of the row count when the server announces one, and the time
// it has taken — can cancel it, and gets the file under the name the server gave it.
// The server does every check (server/ledger/route.ts); `canReveal` only hides the form.
import { Download } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { Field, inputClass } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import { byteSize, countLineBreaks, filenameFromDisposition, fractionDone, parseExpectedRows, rowsSoFar, type DownloadProgress } from '@/lib/ledger/progress';
import { LEDGER_REVEAL_REASON_MAX, LEDGER_REVEAL_REASON_MIN, parseRevealReason, type LedgerFileFormat, type RevealReasonProblem } from '@/lib/ledger/reveal';
import { earlyInput } from '@/components/early-input';

export interface LedgerExportLink {
  format: LedgerFileFormat;
  /** The GET address, with the list's filters in its query. The reveal POSTs to the same address. */
  href: string;
  /** The button's words, from the page's own messages (e.g. 导出 CSV). */
  label: string;
}

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: DownloadProgress; startedAt: number }
  | { kind: 'done'; filename: string; progress: DownloadProgress; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; forbidden: boolean; limited?: boolean; stepAside?: boolean };

const FORMAT_NAME: Record<LedgerFileFormat, string> = { csv: 'CSV', xlsx: '.xlsx' };

/** Hands the received file to the browser's download, under the server's name. */
function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser reads the blob after click() returns; revoking at once can cut the download short.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function LedgerExportButtons({ links, canReveal }: { links: readonly LedgerExportLink[]; canReveal: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<RevealReasonProblem | null>(null);
  const controller = useRef<AbortController | null>(null);
  const reasonId = useId();
  const running = state.kind === 'running';
  // Before hydration the browser checks the reason (required, minLength); after it, this form
  // does, so the error stands next to the field in the page's words.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // A clock for the elapsed time while a download runs (the bytes may pause while the server reads).
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  // Leaving the page ends a running download instead of letting it finish into nowhere.
  useEffect(() => () => controller.current?.abort(), []);

  async function download(link: LedgerExportLink, revealReason: string | null) {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = Date.now();
    setNow(startedAt);
    let progress: DownloadProgress = { format: link.format, bytes: 0, lineBreaks: 0, expectedRows: null };
    setState({ kind: 'running', progress, startedAt });
    try {
      const response = await fetch(
        link.href,
        revealReason === null
          ? { signal: abort.signal, credentials: 'same-origin' }
          : { method: 'POST', body: new URLSearchParams({ reason: revealReason }), signal: abort.signal, credentials: 'same-origin' },
      );
      if (!response.ok || !response.body) {
        setState({ kind: 'failed', forbidden: response.status === 403, limited: response.status === 429, stepAside: response.status === 409 });
        return;
      }
      progress = { ...progress, expectedRows: parseExpectedRows(response.headers.get('X-Ledger-Rows')) };
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        progress = { ...progress, bytes: progress.bytes + value.byteLength, lineBreaks: progress.lineBreaks + (link.format === 'csv' ? countLineBreaks(value) : 0) };
        setState({ kind: 'running', progress, startedAt });
      }
      const filename = filenameFromDisposition(response.headers.get('Content-Disposition')) ?? `export.${link.format}`;
      saveFile(new Blob(parts as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' }), filename);
      setState({ kind: 'done', filename, progress, seconds: Math.round((Date.now() - startedAt) / 1000) });
    } catch (error) {
      setState(abort.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', forbidden: false });
      if (!abort.signal.aborted) console.error('ledger export failed', error);
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  function onLink(event: MouseEvent<HTMLAnchorElement>, link: LedgerExportLink) {
    // A modified click (new tab, save as) is the browser's to handle.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!running) void download(link, null);
  }

  function onReveal(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const link = links.find((l) => l.format === submitter?.getAttribute('data-format')) ?? links[0];
    if (!link || running) return;
    const parsed = parseRevealReason(reason);
    if (!parsed.ok) {
      setReasonError(parsed.problem);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(null);
    void download(link, parsed.reason);
  }

  const size = (bytes: number) => {
    const { value, unit } = byteSize(bytes);
    return format.number(value, { style: 'unit', unit, unitDisplay: 'short' });
  };

  function progressText(p: DownloadProgress): string {
    const rows = rowsSoFar(p);
    if (rows !== null) return p.expectedRows !== null ? t('ledgerExport.rowsOf', { rows, total: p.expectedRows }) : t('ledgerExport.rows', { rows });
    return t('ledgerExport.bytes', { size: size(p.bytes) });
  }

  const fraction = state.kind === 'running' ? fractionDone(state.progress) : null;

  return (
    <div className="space-y-3" data-ledger-export>
      <div className="flex flex-wrap gap-2">
        {links.map((link) => (
          <a key={link.format} href={link.href} download onClick={(e) => onLink(e, link)} aria-disabled={running || undefined} className={secondaryButtonClass}>
            <Download aria-hidden="true" className="h-4 w-4" />
            {link.label}
          </a>
        ))}
      </div>

      <div role="status" aria-live="polite" data-export-state={state.kind} className="space-y-2 empty:hidden">
        {state.kind === 'running' ? (
          <>
            <p className="text-slate-800">
              {t('ledgerExport.working', { format: FORMAT_NAME[state.progress.format] })} {progressText(state.progress)} · {t('ledgerExport.elapsed', { seconds: Math.max(0, Math.floor((now - state.startedAt) / 1000)) })}
            </p>
            {/* Indeterminate (no value) when the total is not known. */}
            <progress aria-label={t('ledgerExport.progressLabel')} className="h-2 w-full max-w-md" max={1} {...(fraction !== null ? { value: fraction } : {})} />
          </>
        ) : null}
        {state.kind === 'done' ? (
          <p className="font-medium text-green-800">
            {t('ledgerExport.done', { filename: state.filename })} · {progressText(state.progress)} · {t('ledgerExport.elapsed', { seconds: state.seconds })}
          </p>
        ) : null}
        {state.kind === 'cancelled' ? <p className="text-slate-800">{t('ledgerExport.cancelled')}</p> : null}
        {state.kind === 'failed' ? <p className="font-medium text-red-800">{state.stepAside ? t('ledgerExport.stepAside') : state.limited ? t('ledgerExport.limited') : state.forbidden ? t('ledgerExport.forbidden') : t('ledgerExport.failed')}</p> : null}
      </div>
      {running ? (
        <button type="button" className={secondaryButtonClass} onClick={() => controller.current?.abort()}>
          {t('ledgerExport.cancel')}
        </button>
      ) : null}

      {canReveal ? (
        <details className="rounded-lg border border-slate-300 bg-white p-3">
          <summary className="flex min-h-11 cursor-pointer items-center font-medium text-slate-900">{t('ledgerExport.reveal.summary')}</summary>
          {/* Without JavaScript this form posts itself; each button posts to its own format's address. */}
          <form ref={earlyInput} method="post" action={links[0]?.href} onSubmit={onReveal} noValidate={hydrated} className="mt-3 space-y-3">
            <p className="text-sm text-slate-700">{t('ledgerExport.reveal.hint')}</p>
            <Field id={reasonId} label={t('ledgerExport.reveal.reason')} error={reasonError ? t(`ledgerExport.reveal.errors.${reasonError}`, { min: LEDGER_REVEAL_REASON_MIN, max: LEDGER_REVEAL_REASON_MAX }) : null}>
              {(aria) => (
                <input
                  {...aria}
                  name="reason"
                  type="text"
                  required
                  minLength={LEDGER_REVEAL_REASON_MIN}
                  maxLength={LEDGER_REVEAL_REASON_MAX}
                  autoComplete="off"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  className={inputClass}
                />
              )}
            </Field>
            <div className="flex flex-wrap gap-2">
              {links.map((link) => (
                <button key={link.format} type="submit" formAction={link.href} data-format={link.format} disabled={running} className={buttonClass}>
                  {t('ledgerExport.reveal.submit', { format: FORMAT_NAME[link.format] })}
                </button>
              ))}
            </div>
          </form>
        </details>
      ) : null}
    </div>
  );
}
