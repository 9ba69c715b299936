// PDFs through the real upload and download route handlers (TRUST P3), on a real PostgreSQL
// server: a PDF that hides JavaScript from a byte scan is never rendered inline from the
// portal's origin. The name-escaped variant (`/J#61vaScript`) is refused at upload; the one in
// a compressed object stream, which no byte scan can see, is accepted and comes back only as
// a sandboxed download; a re-encoded image is still shown inline.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type * as DbClient from '@/db/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type SessionUser = { id: string; name: string; role: 'resident' | 'cadre' | 'official'; placeIds: number[]; placePaths: string[] };
const mocks = vi.hoisted(() => ({ db: null as unknown, user: null as null | SessionUser }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => mocks.db }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => mocks.user }));

const { LocalDiskStorage, setStorage } = await import('@/lib/storage');
const { POST } = await import('@/app/api/uploads/route');
const { GET } = await import('@/app/api/uploads/[id]/route');

const t = useTestDatabase();
const storageDir = mkdtempSync(path.join(tmpdir(), 'relief-pdf-'));
let owner: MadeHousehold;
let me: SessionUser;

beforeAll(async () => {
  mocks.db = t.db;
  setStorage(new LocalDiskStorage(storageDir));
  owner = await makeHousehold(t.db);
  me = { id: owner.user.id, name: owner.user.realName, role: 'resident', placeIds: [], placePaths: [] };
});

afterAll(() => {
  setStorage(undefined);
  rmSync(storageDir, { recursive: true, force: true });
});

async function upload(bytes: Uint8Array, name: string, type: string) {
  mocks.user = me;
  const fd = new FormData();
  fd.set('kind', 'damage_photo');
  fd.set('householdId', owner.household.id);
  fd.set('file', new File([Buffer.from(bytes)], name, { type }));
  const res = await POST(new Request('http://localhost/api/uploads', { method: 'POST', body: fd, headers: { host: 'localhost' } }));
  return { status: res.status, body: (await res.json()) as { id?: string; error?: string } };
}

async function download(id: string) {
  mocks.user = me;
  return GET(new Request(`http://localhost/api/uploads/${id}`), { params: Promise.resolve({ id }) });
}

/** A one-page-less PDF whose catalogue opens with action object 4, given the body objects. */
function pdf(objects: (string | Buffer)[]): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n', 'latin1'), ...objects.map((o) => (typeof o === 'string' ? Buffer.from(o, 'latin1') : o)), Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')]);
}

/** The script action written with name escapes: `/J#61vaScript` is `/JavaScript`, `/J#53` is `/JS`. */
const escapedJs = () => pdf(['4 0 obj << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> endobj\n']);

/** The script action inside a compressed object stream: its bytes never appear in the file. */
function compressedJs(): Buffer {
  const inner = Buffer.from('4 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>', 'latin1');
  const body = deflateSync(inner);
  const file = pdf([Buffer.from(`3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  // The point of this fixture: a byte scan finds nothing to refuse.
  expect(file.toString('latin1').toLowerCase()).not.toContain('javascript');
  return file;
}

describe('PDF uploads are never rendered inline from the portal (TRUST P3)', () => {
  it('refuses the name-escaped /J#61vaScript variant at upload (the byte scan decodes name escapes)', async () => {
    expect(await upload(escapedJs(), 'receipt.pdf', 'application/pdf')).toEqual({ status: 422, body: { error: 'upload.errors.damaged' } });
  });

  it('serves a PDF with script hidden in a compressed stream only as a sandboxed download, under a generated name', async () => {
    const r = await upload(compressedJs(), 'receipt.pdf', 'application/pdf');
    expect(r.status).toBe(201);
    const res = await download(r.body.id!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="upload-${r.body.id!.slice(0, 8)}.pdf"`);
    expect(res.headers.get('content-security-policy')).toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('application/pdf');
  });

  it('a PDF with nothing hidden is served the same way: every PDF is a download', async () => {
    const r = await upload(pdf(['4 0 obj << /S /GoTo /D [0] >> endobj\n']), 'scan.pdf', 'application/pdf');
    expect(r.status).toBe(201);
    const res = await download(r.body.id!);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('re-encoded images stay inline, still nosniff and never cached', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#224466' } }).png().toBuffer();
    const r = await upload(png, 'photo.png', 'image/png');
    expect(r.status).toBe(201);
    const res = await download(r.body.id!);
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="upload-${r.body.id!.slice(0, 8)}.png"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
