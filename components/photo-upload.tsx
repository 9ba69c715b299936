'use client';
// Photo / document upload for any form (damage photos, invoices, grievance photos, visit
// photos). Images are shrunk in the browser first (long side ≤ 2,000 px, JPEG ~0.85) so a weak
// mobile connection copes; PDFs go as they are. Each file is sent on its own to
// POST /api/uploads with a progress bar; a failure says why and can be retried. The ids of the
// uploaded files go into hidden inputs named `name`, so the surrounding form submits them.
// The server checks everything again (lib/upload-check.ts): nothing here is a safeguard.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Camera, FileText, ImagePlus, RotateCcw, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { loose } from '@/lib/i18n/loose';
import type { UploadKind } from '@/lib/domain';

export interface PhotoUploadProps {
  /** Name of the hidden inputs that carry the uploaded ids. */
  name: string;
  kind: UploadKind;
  householdId?: string;
  applicationId?: string;
  grievanceId?: string;
  /** Visible label of the whole control. */
  label: string;
  hint?: string;
  multiple?: boolean;
  /** Files already uploaded (e.g. when editing); `mime` lets PDFs show as documents. */
  initial?: { id: string; mime?: string }[];
  /** Offer a "take a photo" button that opens the camera (capture="environment"). Default true. */
  camera?: boolean;
  /** At most this many files when `multiple` (default 10). */
  max?: number;
  /** Told whenever files start or stop uploading, so a form can wait before submitting. */
  onBusyChange?: (busy: boolean) => void;
  /** An error for the whole field from the surrounding form (already translated). */
  error?: string | null;
}

const ACCEPT = 'image/jpeg,image/png,application/pdf';
const MAX_SIDE = 2000;
const JPEG_QUALITY = 0.85;
const MAX_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

type Status = 'preparing' | 'uploading' | 'done' | 'error';

interface Item {
  key: string;
  status: Status;
  progress: number;
  id?: string;
  mime?: string;
  error?: string;
  blob?: Blob;
  fileName?: string;
}

function isPdf(file: File): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

/** Draws the image at most 2,000 px on its long side and encodes it as JPEG. Falls back to the original. */
async function shrink(file: File): Promise<{ blob: Blob; fileName: string }> {
  if (isPdf(file) || !file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return { blob: file, fileName: file.name };
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.fillStyle = '#ffffff'; // a transparent PNG becomes white, not black, as JPEG
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    if (!blob) throw new Error('encode failed');
    const base = file.name.replace(/\.[^./\\]*$/, '') || 'photo';
    return { blob, fileName: `${base}.jpg` };
  } catch {
    // The browser cannot read it (e.g. not really an image): let the server say why.
    return { blob: file, fileName: file.name };
  }
}

export function PhotoUpload({ name, kind, householdId, applicationId, grievanceId, label, hint, multiple = false, initial = [], camera = true, max = 10, onBusyChange, error }: PhotoUploadProps) {
  const t = useTranslations();
  const uid = useId();
  const [items, setItems] = useState<Item[]>(() => initial.map((f) => ({ key: f.id, status: 'done', progress: 100, id: f.id, mime: f.mime })));
  const [brokenThumbs, setBrokenThumbs] = useState<Set<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState('');
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const counter = useRef(0);

  const busy = items.some((i) => i.status === 'preparing' || i.status === 'uploading');
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);
  useEffect(() => {
    const open = requests.current;
    return () => open.forEach((xhr) => xhr.abort());
  }, []);

  const update = useCallback((key: string, patch: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i))), []);

  const errorText = useCallback(
    (key: string | undefined) => {
      // The upload route answers with a message key; an unknown one reads as a plain failure.
      const known = key !== undefined && (t.has as (k: string) => boolean)(key);
      return known ? loose(t)(key) : t('upload.errors.failed');
    },
    [t],
  );

  const send = useCallback(
    (key: string, blob: Blob, fileName: string) => {
      if (blob.size > MAX_BYTES) {
        update(key, { status: 'error', error: 'upload.errors.tooLarge' });
        return;
      }
      const fd = new FormData();
      fd.append('file', blob, fileName);
      fd.append('kind', kind);
      if (householdId) fd.append('householdId', householdId);
      if (applicationId) fd.append('applicationId', applicationId);
      if (grievanceId) fd.append('grievanceId', grievanceId);
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      update(key, { status: 'uploading', progress: 0, error: undefined });
      xhr.open('POST', '/api/uploads');
      xhr.timeout = TIMEOUT_MS;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(key, { progress: Math.min(99, Math.round((e.loaded / e.total) * 100)) });
      };
      xhr.onload = () => {
        requests.current.delete(key);
        let body: { id?: unknown; error?: unknown } | null = null;
        try {
          body = JSON.parse(xhr.responseText) as { id?: unknown; error?: unknown };
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300 && typeof body?.id === 'string') {
          update(key, { status: 'done', progress: 100, id: body.id, mime: blob.type || undefined });
          setAnnouncement(t('upload.done'));
        } else {
          const errKey = typeof body?.error === 'string' ? body.error : 'upload.errors.failed';
          update(key, { status: 'error', error: errKey });
          setAnnouncement(errorText(errKey));
        }
      };
      const failed = () => {
        requests.current.delete(key);
        update(key, { status: 'error', error: 'upload.errors.network' });
        setAnnouncement(t('upload.errors.network'));
      };
      xhr.onerror = failed;
      xhr.ontimeout = failed;
      xhr.send(fd);
    },
    [kind, householdId, applicationId, grievanceId, update, t, errorText],
  );

  async function addFiles(files: FileList | null) {
    if (!files || files.length === 0) return;
    const room = multiple ? Math.max(0, max - items.filter((i) => i.status !== 'error').length) : 1;
    const chosen = Array.from(files).slice(0, room);
    if (chosen.length === 0) {
      setAnnouncement(t('upload.tooMany', { max }));
      return;
    }
    const fresh: Item[] = chosen.map(() => ({ key: `new-${++counter.current}`, status: 'preparing', progress: 0 }));
    setItems((list) => {
      if (!multiple) list.forEach((i) => requests.current.get(i.key)?.abort());
      return multiple ? [...list, ...fresh] : fresh;
    });
    setAnnouncement(t('upload.preparing'));
    await Promise.all(
      chosen.map(async (file, n) => {
        const key = fresh[n]!.key;
        const { blob, fileName } = await shrink(file);
        update(key, { blob, fileName, mime: blob.type || undefined });
        send(key, blob, fileName);
      }),
    );
  }

  function remove(key: string) {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
    setAnnouncement(t('upload.removed'));
  }

  const full = multiple && items.filter((i) => i.status !== 'error').length >= max;
  const pickLabel = multiple ? t('upload.choose') : items.length > 0 ? t('upload.replace') : t('upload.chooseOne');
  const buttonBase =
    'inline-flex min-h-11 cursor-pointer items-center justify-center gap-2 rounded-lg border px-4 py-2 font-semibold peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700';

  return (
    <fieldset className="space-y-3" aria-describedby={[hint ? `${uid}-hint` : null, error ? `${uid}-error` : null].filter(Boolean).join(' ') || undefined}>
      <legend className="font-medium text-slate-900">{label}</legend>
      {hint ? (
        <p id={`${uid}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}

      {items.length > 0 ? (
        <ul className="space-y-3">
          {items.map((item, n) => {
            const isDoc = item.mime === 'application/pdf' || (item.id !== undefined && brokenThumbs.has(item.id));
            return (
              <li key={item.key} className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-2">
                <div className="flex h-20 w-20 shrink-0 items-center justify-center overflow-hidden rounded bg-slate-100">
                  {item.status === 'done' && item.id && !isDoc ? (
                    // A plain <img>: a private, per-person file must not go through an image optimiser or cache.
                    <img
                      src={`/api/uploads/${item.id}`}
                      alt={t('upload.thumbAlt', { n: n + 1 })}
                      className="h-full w-full object-cover"
                      onError={() => setBrokenThumbs((s) => new Set(s).add(item.id!))}
                    />
                  ) : (
                    <FileText aria-hidden="true" className="h-8 w-8 text-slate-500" />
                  )}
                </div>
                <div className="min-w-0 flex-1 space-y-1">
                  {item.status === 'preparing' ? <p className="text-slate-700">{t('upload.preparing')}</p> : null}
                  {item.status === 'uploading' ? (
                    <>
                      <label htmlFor={`${uid}-p-${item.key}`} className="block text-slate-700">
                        {t('upload.uploading', { percent: item.progress })}
                      </label>
                      <progress id={`${uid}-p-${item.key}`} value={item.progress} max={100} className="h-3 w-full">
                        {item.progress}%
                      </progress>
                    </>
                  ) : null}
                  {item.status === 'done' ? (
                    <p className="text-green-800">
                      {isDoc ? (
                        <a href={`/api/uploads/${item.id}`} target="_blank" rel="noopener" className="inline-flex min-h-11 items-center underline">
                          {t('upload.openFile', { n: n + 1 })}
                        </a>
                      ) : (
                        t('upload.uploaded', { n: n + 1 })
                      )}
                    </p>
                  ) : null}
                  {item.status === 'error' ? (
                    <p className="font-medium text-red-800" role="alert">
                      {errorText(item.error)}
                    </p>
                  ) : null}
                  <div className="flex flex-wrap gap-2">
                    {item.status === 'error' && item.blob ? (
                      <button type="button" onClick={() => send(item.key, item.blob!, item.fileName ?? 'file')} className={`${buttonBase} border-brand-700 bg-white text-brand-700`}>
                        <RotateCcw aria-hidden="true" className="h-5 w-5" />
                        {t('upload.retry')}
                      </button>
                    ) : null}
                    <button type="button" onClick={() => remove(item.key)} className={`${buttonBase} border-slate-300 bg-white text-slate-800`}>
                      <Trash2 aria-hidden="true" className="h-5 w-5" />
                      {item.status === 'uploading' || item.status === 'preparing' ? t('upload.cancel') : t('upload.remove', { n: n + 1 })}
                    </button>
                  </div>
                </div>
                {item.status === 'done' && item.id ? <input type="hidden" name={name} value={item.id} /> : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {!full ? (
        <div className="flex flex-wrap gap-2">
          {camera ? (
            <span>
              <input
                id={`${uid}-camera`}
                type="file"
                accept="image/jpeg,image/png"
                capture="environment"
                className="peer sr-only"
                onChange={(e) => {
                  void addFiles(e.target.files);
                  e.target.value = '';
                }}
              />
              <label htmlFor={`${uid}-camera`} className={`${buttonBase} border-brand-700 bg-brand-700 text-white`}>
                <Camera aria-hidden="true" className="h-5 w-5" />
                {t('upload.takePhoto')}
              </label>
            </span>
          ) : null}
          <span>
            <input
              id={`${uid}-file`}
              type="file"
              accept={ACCEPT}
              multiple={multiple}
              className="peer sr-only"
              onChange={(e) => {
                void addFiles(e.target.files);
                e.target.value = '';
              }}
            />
            <label htmlFor={`${uid}-file`} className={`${buttonBase} border-slate-400 bg-white text-slate-900`}>
              <ImagePlus aria-hidden="true" className="h-5 w-5" />
              {pickLabel}
            </label>
          </span>
        </div>
      ) : (
        <p className="text-slate-700">{t('upload.tooMany', { max })}</p>
      )}

      {error ? (
        <p id={`${uid}-error`} className="font-medium text-red-800">
          {error}
        </p>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </fieldset>
  );
}
