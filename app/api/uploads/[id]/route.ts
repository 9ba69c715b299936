// GET /api/uploads/<id>: the file, only to people who may see its case (db/queries/uploads.ts
// viewableUpload); everyone else, signed in or not, gets the same 404. Never cached, never
// sniffed, shown inline under a generated name.
import { getDb } from '@/db/client';
import { viewableUpload } from '@/db/queries/uploads';
import { getCurrentUser } from '@/lib/session';
import { getStorage } from '@/lib/storage';
import { logError } from '@/lib/log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

function notFound(): Response {
  return Response.json({ error: 'errors.not_found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  const user = await getCurrentUser();
  if (!user) return notFound();
  try {
    const upload = await viewableUpload({ db: getDb(), uploadId: id, viewer: { id: user.id, role: user.role, placePaths: user.placePaths } });
    if (!upload) return notFound();
    const bytes = await getStorage().get(upload.storageKey);
    if (!bytes) {
      console.error(`[uploads] file missing for upload ${upload.id}`);
      return notFound();
    }
    const ext = EXTENSION[upload.mime] ?? 'bin';
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'Content-Type': upload.mime,
        'Content-Length': String(bytes.length),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': `inline; filename="upload-${upload.id.slice(0, 8)}.${ext}"`,
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    });
  } catch (err) {
    logError('uploads: read failed', err);
    return Response.json({ error: 'errors.internal' }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
  }
}
