// POST /api/uploads: one file (multipart `file`, `kind`, optional `householdId` /
// `applicationId` / `grievanceId`). Checks, in order: same-origin request, signed in, size
// (before reading it all), input, capability and target (server/uploads/check-upload-target.ts),
// content (lib/upload-check.ts); then stores the re-encoded bytes and writes the row with its
// audit event (server/uploads/store-upload.ts, which checks the target again in its
// transaction), all or nothing: a refused or failed write removes the stored file. Answers
// `{ id }` (201) or `{ error: '<i18n key>' }` with a 4xx; an
// unexpected failure is logged and answered with a plain key, never with detail.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { uploadsSince } from '@/db/queries/uploads';
import { checkUploadTarget } from '@/server/uploads/check-upload-target';
import { storeUpload } from '@/server/uploads/store-upload';
import { UPLOAD_KINDS } from '@/lib/domain';
import { clientIp } from '@/lib/client-address';
import { getCurrentUser } from '@/lib/session';
import { getStorage, newStorageKey } from '@/lib/storage';
import { EXTENSION_OF, MAX_REQUEST_BYTES, checkUpload, type UploadErrorKey } from '@/lib/upload-check';
import { logError } from '@/lib/log';

/** Uploads per person and hour: plenty for any real case, a brake on filling the disk. */
const MAX_UPLOADS_PER_HOUR = 100;
/** Decoding big images takes memory: at most this many checks run at once in this process. */
const MAX_CONCURRENT_CHECKS = 2;

const STATUS_OF: Record<UploadErrorKey, number> = {
  'upload.errors.type': 415,
  'upload.errors.tooLarge': 413,
  'upload.errors.tooManyPixels': 422,
  'upload.errors.mismatch': 422,
  'upload.errors.damaged': 422,
};

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const fields = z.object({
  kind: z.enum(UPLOAD_KINDS),
  householdId: z.preprocess(blankToNull, z.uuid().nullable()),
  applicationId: z.preprocess(blankToNull, z.uuid().nullable()),
  grievanceId: z.preprocess(blankToNull, z.uuid().nullable()),
});

function answer(status: number, body: { id: string } | { error: string }) {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

function refusal(status: 'forbidden' | 'not_found' | 'invalid') {
  if (status === 'forbidden') return answer(403, { error: 'errors.forbidden' });
  if (status === 'not_found') return answer(404, { error: 'errors.not_found' });
  return answer(400, { error: 'upload.errors.invalid' });
}

/** A POST from another site (or `Origin: null`) is refused, whatever cookies it carries. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin === null) return true; // same-origin XHR from older browsers, or a non-browser client with its own cookie
  try {
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Reads the body, giving up as soon as it passes `max` bytes. */
async function readCapped(req: Request, max: number): Promise<Buffer | null> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

let running = 0;
const waiting: (() => void)[] = [];
async function gated<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_CHECKS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return answer(403, { error: 'errors.forbidden' });
  const user = await getCurrentUser();
  if (!user) return answer(401, { error: 'errors.unauthenticated' });

  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_REQUEST_BYTES) return answer(413, { error: 'upload.errors.tooLarge' });
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return answer(400, { error: 'upload.errors.invalid' });

  const db = getDb();
  const storage = getStorage();
  let storedKey: string | null = null;
  try {
    const body = await readCapped(req, MAX_REQUEST_BYTES);
    if (!body) return answer(413, { error: 'upload.errors.tooLarge' });
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers.get('content-type')! } }).formData();
    } catch {
      return answer(400, { error: 'upload.errors.invalid' });
    }
    const file = form.get('file');
    const parsed = fields.safeParse({ kind: form.get('kind'), householdId: form.get('householdId') ?? undefined, applicationId: form.get('applicationId') ?? undefined, grievanceId: form.get('grievanceId') ?? undefined });
    if (!parsed.success || !file || typeof file === 'string') return answer(400, { error: 'upload.errors.invalid' });

    // The session's user is the actor, with the households its holder must step aside from.
    const actor = user;
    // Refused before the file is read and decoded; store-upload.ts checks again when it writes.
    const decision = await checkUploadTarget({ db, actor, kind: parsed.data.kind, target: parsed.data });
    if (decision.status !== 'allow') return refusal(decision.status);

    if ((await uploadsSince({ db, ownerUserId: user.id, since: new Date(Date.now() - 3_600_000) })) >= MAX_UPLOADS_PER_HOUR) {
      return answer(429, { error: 'errors.rate_limited' });
    }

    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = await gated(() => checkUpload({ bytes, fileName: file.name, declaredType: file.type }));
    if (!checked.ok) return answer(STATUS_OF[checked.error], { error: checked.error });

    const key = newStorageKey(EXTENSION_OF[checked.format]);
    await storage.put(key, checked.bytes, checked.mime);
    storedKey = key;
    const stored = await storeUpload({
      db,
      actor,
      kind: parsed.data.kind,
      target: parsed.data,
      ip: clientIp(req.headers),
      file: { mime: checked.mime, sizeBytes: checked.bytes.length, width: checked.width, height: checked.height, storageKey: key, sha256: checked.sha256 },
    });
    if (stored.status !== 'stored') return refusal(stored.status);
    storedKey = null;
    return answer(201, { id: stored.id });
  } catch (err) {
    logError('uploads: upload failed', err);
    return answer(500, { error: 'errors.internal' });
  } finally {
    // The row was not written: the file must not stay behind.
    if (storedKey) await storage.delete(storedKey).catch((e: unknown) => console.error('[uploads] could not remove an orphan file:', e instanceof Error ? e.message : e));
  }
}
