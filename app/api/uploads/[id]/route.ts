// GET /api/uploads/<id>: the file, only to people who may see its case (db/queries/uploads.ts
// findViewableUpload, scoped by the record rule); everyone else, signed in or not, gets the same 404. Never cached, never
// sniffed, always under a generated name. Only images we re-encoded ourselves (lib/upload-check)
// are shown inline; anything else (PDFs) is a download in a sandbox, because a PDF can carry
// script that no byte scan reliably finds (TRUST P3, docs/decisions/0004-pdf-uploads.md).
import { getDb } from '@/db/client';
import { findViewableUpload } from '@/db/queries/uploads';
import { getCurrentUser } from '@/lib/session';
import { getStorage } from '@/lib/storage';
import { logError } from '@/lib/log';
import { UUID_TEXT } from '@/lib/validators';

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };
/** Stored only as pixels re-encoded by sharp at upload (lib/upload-check.ts), so safe to show. */
const REENCODED_IMAGES = new Set(['image/jpeg', 'image/png']);

/**
 * How a stored file is served. Images we produced may be shown in the page; everything else is
 * handed to the browser as a download it must not render here: `attachment`, a CSP `sandbox`
 * (if anything does render it, it runs in an opaque origin without script, forms or plugins),
 * and the type we stored, never a sniffed one.
 */
function servingHeaders(upload: { id: string; mime: string }, size: number): Record<string, string> {
  const name = `upload-${upload.id.slice(0, 8)}.${EXTENSION[upload.mime] ?? 'bin'}`;
  const common = {
    'Content-Length': String(size),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  // next.config.js leaves the page CSP off this route, so the CSP here is the one sent. An image
  // opened on its own is a document too: no script, no plugins, not framed elsewhere.
  if (REENCODED_IMAGES.has(upload.mime)) {
    return { ...common, 'Content-Type': upload.mime, 'Content-Disposition': `inline; filename="${name}"`, 'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'" };
  }
  return {
    ...common,
    'Content-Type': EXTENSION[upload.mime] ? upload.mime : 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
  };
}

function notFound(): Response {
  return Response.json({ error: 'errors.not_found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!UUID_TEXT.test(id)) return notFound();
  const user = await getCurrentUser();
  if (!user) return notFound();
  try {
    const upload = await findViewableUpload({ db: getDb(), actor: user, uploadId: id });
    if (!upload) return notFound();
    const bytes = await getStorage().get(upload.storageKey);
    if (!bytes) {
      console.error(`[uploads] file missing for upload ${upload.id}`);
      return notFound();
    }
    return new Response(new Uint8Array(bytes), { status: 200, headers: servingHeaders(upload, bytes.length) });
  } catch (err) {
    logError('uploads: read failed', err);
    return Response.json({ error: 'errors.internal' }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
  }
}
