// Uploads end to end through the route handlers, on a real PostgreSQL server and a temporary
// storage folder: who may file an upload where (own household / application; staff inside
// their places), who may read it back (everyone else gets the same 404), the headers it is
// served with, the content checks, and all-or-nothing storage when the row cannot be written.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type * as DbClient from '@/db/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type SessionUser = { id: string; name: string; role: 'resident' | 'cadre' | 'official'; placeIds: number[]; placePaths: string[]; conflictHouseholdIds?: string[] };
const mocks = vi.hoisted(() => ({ db: null as unknown, user: null as null | SessionUser }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => mocks.db }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => mocks.user }));

const s = await import('@/db/schema');
const { LocalDiskStorage, setStorage } = await import('@/lib/storage');
const { sha256Hex } = await import('@/lib/upload-check');
const { POST } = await import('@/app/api/uploads/route');
const { GET } = await import('@/app/api/uploads/[id]/route');
const { findViewableUpload, attachUploads } = await import('@/db/queries/uploads');
const { checkUploadTarget } = await import('@/server/uploads/check-upload-target');
const { storeUpload } = await import('@/server/uploads/store-upload');

const t = useTestDatabase();
const storageDir = mkdtempSync(path.join(tmpdir(), 'relief-uploads-'));

let county: { id: number; path: string };
let townA: { id: number; path: string };
let townB: { id: number; path: string };
let owner: MadeHousehold;
let other: MadeHousehold;
let cadreA: SessionUser;
let cadreB: SessionUser;
let official: SessionUser;
let applicationId: string;

async function insertPlace(level: 'county' | 'township' | 'village', name: string, parent: { id: number; path: string } | null) {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const p2 = `${parent?.path ?? '/'}${p!.id}/`;
  await t.db.update(s.places).set({ path: p2 }).where(eq(s.places.id, p!.id));
  return { id: p!.id, path: p2 };
}

/** A resident with a household in `village` (helpers make one in a fresh village; move it). */
async function residentIn(village: { id: number }) {
  const m = await makeHousehold(t.db);
  await t.db.update(s.households).set({ placeId: village.id }).where(eq(s.households.id, m.household.id));
  return { ...m, household: { ...m.household, placeId: village.id } };
}

async function staff(role: 'cadre' | 'official', place: { id: number; path: string }): Promise<SessionUser> {
  const m = await makeHousehold(t.db, { role });
  return { id: m.user.id, name: m.user.realName, role, placeIds: [place.id], placePaths: [place.path] };
}

const residentSession = (m: MadeHousehold): SessionUser => ({ id: m.user.id, name: m.user.realName, role: 'resident', placeIds: [], placePaths: [] });

function filesInStorage(): string[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  return walk(storageDir);
}

interface FilePart {
  bytes: Uint8Array;
  name: string;
  type: string;
}

async function post(as: SessionUser | null, fields: Record<string, string>, file?: FilePart, headers: Record<string, string> = {}) {
  mocks.user = as;
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (file) fd.set('file', new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  const res = await POST(new Request('http://localhost/api/uploads', { method: 'POST', body: fd, headers: { host: 'localhost', ...headers } }));
  return { status: res.status, body: (await res.json()) as { id?: string; error?: string } };
}

async function get(as: SessionUser | null, id: string) {
  mocks.user = as;
  return GET(new Request(`http://localhost/api/uploads/${id}`), { params: Promise.resolve({ id }) });
}

async function photoWithGps(): Promise<FilePart> {
  const bytes = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#3366aa' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 29/1 0/1' } })
    .toBuffer();
  return { bytes, name: 'IMG_0001.jpg', type: 'image/jpeg' };
}

const png = async (): Promise<FilePart> => ({ bytes: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa3322' } }).png().toBuffer(), name: 'photo.png', type: 'image/png' });

beforeAll(async () => {
  mocks.db = t.db;
  setStorage(new LocalDiskStorage(storageDir));
  county = await insertPlace('county', '测试市', null);
  townA = await insertPlace('township', '甲镇', county);
  townB = await insertPlace('township', '乙镇', county);
  owner = await residentIn(await insertPlace('village', '甲村', townA));
  other = await residentIn(await insertPlace('village', '乙村', townB));
  cadreA = await staff('cadre', townA);
  cadreB = await staff('cadre', townB);
  official = await staff('official', county);
  // An unseeded database: the programme row the application refers to.
  await t.db.insert(s.programmes).values({ code: 'appliance_subsidy', nameZh: '补贴', nameEn: 'Subsidy', params: {} }).onConflictDoNothing();
  const [app] = await t.db.insert(s.applications).values({ reference: `T-${Date.now()}`, householdId: owner.household.id, programmeCode: 'appliance_subsidy', status: 'draft' }).returning();
  applicationId = app!.id;
});

afterAll(() => {
  setStorage(undefined);
  rmSync(storageDir, { recursive: true, force: true });
});

describe('POST /api/uploads', () => {
  it('refuses an anonymous request with 401 and a message key', async () => {
    expect(await post(null, { kind: 'damage_photo', householdId: owner.household.id }, await png())).toEqual({ status: 401, body: { error: 'errors.unauthenticated' } });
  });

  it('stores the owner’s damage photo re-encoded (no EXIF/GPS), with its row and audit event', async () => {
    const file = await photoWithGps();
    const r = await post(residentSession(owner), { kind: 'damage_photo', householdId: owner.household.id }, file);
    expect(r.status).toBe(201);
    const id = r.body.id!;
    const [row] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, id));
    expect(row).toMatchObject({ ownerUserId: owner.user.id, householdId: owner.household.id, kind: 'damage_photo', mime: 'image/jpeg', width: 120, height: 90 });
    expect(row!.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);

    const res = await get(residentSession(owner), id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="upload-${id.slice(0, 8)}.jpg"`);
    const served = Buffer.from(await res.arrayBuffer());
    expect(sha256Hex(served)).toBe(row!.sha256);
    expect(served.equals(Buffer.from(file.bytes))).toBe(false);
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(served.includes(Buffer.from('TestCam'))).toBe(false);
    const [{ n }] = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'upload.create' AND entity_id = ${id}`)).rows as [{ n: number }];
    expect(Number(n)).toBe(1);
  });

  it('refuses to file an upload under another resident’s household or application (404, nothing stored)', async () => {
    const before = filesInStorage().length;
    expect(await post(residentSession(other), { kind: 'damage_photo', householdId: owner.household.id }, await png())).toEqual({ status: 404, body: { error: 'errors.not_found' } });
    expect(await post(residentSession(other), { kind: 'invoice', applicationId }, await png())).toEqual({ status: 404, body: { error: 'errors.not_found' } });
    // Records that belong to different households cannot be combined.
    expect(await post(residentSession(other), { kind: 'invoice', householdId: other.household.id, applicationId }, await png())).toEqual({ status: 404, body: { error: 'errors.not_found' } });
    expect(filesInStorage().length).toBe(before);
  });

  it('files an invoice under the owner’s application (household resolved from it)', async () => {
    const r = await post(residentSession(owner), { kind: 'invoice', applicationId }, await png());
    expect(r.status).toBe(201);
    const [row] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, r.body.id!));
    expect(row).toMatchObject({ applicationId, householdId: owner.household.id, mime: 'image/png' });
  });

  it('lets staff file only kinds they have, inside their places', async () => {
    expect((await post(cadreA, { kind: 'visit_photo', householdId: owner.household.id }, await png())).status).toBe(201);
    expect(await post(cadreB, { kind: 'visit_photo', householdId: owner.household.id }, await png())).toEqual({ status: 404, body: { error: 'errors.not_found' } });
    expect(await post(residentSession(owner), { kind: 'visit_photo', householdId: owner.household.id }, await png())).toEqual({ status: 403, body: { error: 'errors.forbidden' } });
    expect(await post(official, { kind: 'damage_photo', householdId: owner.household.id }, await png())).toEqual({ status: 403, body: { error: 'errors.forbidden' } });
  });

  it('refuses a cadre who must step aside from the household (a declared relative’s): nothing filed on its record, by household or by application', async () => {
    const related: SessionUser = { ...cadreA, conflictHouseholdIds: [owner.household.id] };
    const before = await t.db.select({ id: s.uploads.id }).from(s.uploads);
    expect(await post(related, { kind: 'visit_photo', householdId: owner.household.id }, await png())).toEqual({ status: 403, body: { error: 'errors.forbidden' } });
    expect(await post(related, { kind: 'evidence', applicationId }, await png())).toEqual({ status: 403, body: { error: 'errors.forbidden' } });
    expect(await t.db.select({ id: s.uploads.id }).from(s.uploads)).toHaveLength(before.length);
    // The same cadre without the declaration may.
    expect((await post(cadreA, { kind: 'evidence', applicationId }, await png())).status).toBe(201);
  });

  it('refuses bad input and bad content with the matching message key', async () => {
    const me = residentSession(owner);
    const hh = { kind: 'damage_photo', householdId: owner.household.id };
    expect(await post(me, { kind: 'damage_photo' }, await png())).toEqual({ status: 400, body: { error: 'upload.errors.invalid' } });
    expect(await post(me, { kind: 'selfie', householdId: owner.household.id }, await png())).toEqual({ status: 400, body: { error: 'upload.errors.invalid' } });
    expect(await post(me, hh)).toEqual({ status: 400, body: { error: 'upload.errors.invalid' } });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await post(me, hh, { bytes: svg, name: 'a.svg', type: 'image/svg+xml' })).toEqual({ status: 415, body: { error: 'upload.errors.type' } });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    expect(await post(me, hh, { bytes: pdf, name: 'photo.jpg', type: 'image/jpeg' })).toEqual({ status: 422, body: { error: 'upload.errors.mismatch' } });
    const poly = Buffer.concat([(await png()).bytes, Buffer.from('<html><script>alert(1)</script></html>')]);
    expect(await post(me, hh, { bytes: poly, name: 'a.png', type: 'image/png' })).toEqual({ status: 422, body: { error: 'upload.errors.damaged' } });
  });

  it('refuses more than ~11 MB before reading it all, whether the size is declared or not', async () => {
    mocks.user = residentSession(owner);
    const declared = await POST(new Request('http://localhost/api/uploads', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(12 * 1024 * 1024) } }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'upload.errors.tooLarge' });

    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await POST(new Request('http://localhost/api/uploads', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'multipart/form-data; boundary=x' } } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(20); // stopped reading soon after the limit
  });

  it('refuses a cross-site POST (foreign or null Origin)', async () => {
    expect(await post(residentSession(owner), { kind: 'damage_photo', householdId: owner.household.id }, await png(), { origin: 'https://evil.example' })).toEqual({ status: 403, body: { error: 'errors.forbidden' } });
    expect(await post(residentSession(owner), { kind: 'damage_photo', householdId: owner.household.id }, await png(), { origin: 'null' })).toEqual({ status: 403, body: { error: 'errors.forbidden' } });
    expect((await post(residentSession(owner), { kind: 'damage_photo', householdId: owner.household.id }, await png(), { origin: 'http://localhost' })).status).toBe(201);
  });

  it('leaves no file behind when the row cannot be written, and says only "internal"', async () => {
    await t.db.execute(sql`CREATE FUNCTION refuse_upload() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await t.db.execute(sql`CREATE TRIGGER refuse_upload BEFORE INSERT ON uploads FOR EACH ROW EXECUTE FUNCTION refuse_upload()`);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const before = filesInStorage().length;
      const r = await post(residentSession(owner), { kind: 'damage_photo', householdId: owner.household.id }, await png());
      expect(r).toEqual({ status: 500, body: { error: 'errors.internal' } });
      expect(JSON.stringify(r)).not.toContain('fire');
      expect(filesInStorage().length).toBe(before);
    } finally {
      spy.mockRestore();
      await t.db.execute(sql`DROP TRIGGER refuse_upload ON uploads`);
      await t.db.execute(sql`DROP FUNCTION refuse_upload()`);
    }
  });
});

describe('GET /api/uploads/[id]: only people who may see the case', () => {
  let photoId: string;
  let invoiceId: string;

  beforeAll(async () => {
    photoId = (await post(residentSession(owner), { kind: 'damage_photo', householdId: owner.household.id }, await png())).body.id!;
    invoiceId = (await post(residentSession(owner), { kind: 'invoice', applicationId }, await png())).body.id!;
  });

  it('serves the owner, staff whose places cover the household, and the county', async () => {
    for (const who of [residentSession(owner), cadreA, official]) {
      expect((await get(who, photoId)).status, who.role).toBe(200);
      expect((await get(who, invoiceId)).status, who.role).toBe(200);
    }
  });

  it('answers 404 to another resident, a cadre elsewhere, anonymous, and for ids that do not exist', async () => {
    for (const who of [residentSession(other), cadreB, null]) {
      for (const id of [photoId, invoiceId]) {
        const res = await get(who, id);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: 'errors.not_found' });
      }
    }
    expect((await get(residentSession(owner), '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get(residentSession(owner), '../../etc/passwd')).status).toBe(404);
  });
});

describe('upload queries', () => {
  it('a grievance photo may be taken before the grievance exists, then filed under it by its uploader only', async () => {
    const loose = await checkUploadTarget({ db: t.db, actor: { id: owner.user.id, role: 'resident', placePaths: [] }, kind: 'grievance_photo', target: {} });
    expect(loose).toEqual({ status: 'allow', target: { householdId: null, applicationId: null, grievanceId: null } });
    const r = await post(residentSession(owner), { kind: 'grievance_photo' }, await png());
    expect(r.status).toBe(201);
    // Only the uploader sees a loose photo.
    expect(await findViewableUpload({ db: t.db, actor: { id: owner.user.id, role: 'resident', placePaths: [] }, uploadId: r.body.id! })).not.toBeNull();
    expect(await findViewableUpload({ db: t.db, actor: { id: other.user.id, role: 'resident', placePaths: [] }, uploadId: r.body.id! })).toBeNull();
    const [g] = await t.db
      .insert(s.grievances)
      .values({ reference: `G-${Date.now()}`, householdId: owner.household.id, filedBy: owner.user.id, placeId: owner.household.placeId, category: 'garbage', description: '垃圾没人清', respondBy: new Date(), resolveBy: new Date() })
      .returning();
    expect(await attachUploads({ db: t.db, ids: [r.body.id!], ownerUserId: other.user.id, kinds: ['grievance_photo'], set: { grievanceId: g!.id } })).toEqual([]);
    expect(await attachUploads({ db: t.db, ids: [r.body.id!], ownerUserId: owner.user.id, kinds: ['grievance_photo'], set: { grievanceId: g!.id } })).toEqual([r.body.id]);
    // Now the cadre of that place sees it; the cadre elsewhere does not.
    expect(await findViewableUpload({ db: t.db, actor: { id: cadreA.id, role: 'cadre', placePaths: cadreA.placePaths }, uploadId: r.body.id! })).not.toBeNull();
    expect(await findViewableUpload({ db: t.db, actor: { id: cadreB.id, role: 'cadre', placePaths: cadreB.placePaths }, uploadId: r.body.id! })).toBeNull();
  });

  it('storeUpload checks the target again inside its own transaction: called directly, another household is not found and nothing is written', async () => {
    const file = { mime: 'image/png', sizeBytes: 10, width: 1, height: 1, storageKey: '2026/01/not-stored.png', sha256: 'a'.repeat(64) };
    const before = await t.db.select({ id: s.uploads.id }).from(s.uploads);
    const refused = await storeUpload({ db: t.db, actor: { id: other.user.id, role: 'resident', placePaths: [] }, kind: 'damage_photo', target: { householdId: owner.household.id }, file, ip: null });
    expect(refused).toEqual({ status: 'not_found' });
    expect(await storeUpload({ db: t.db, actor: { id: official.id, role: 'official', placePaths: official.placePaths }, kind: 'damage_photo', target: { householdId: owner.household.id }, file, ip: null })).toEqual({ status: 'forbidden' });
    expect(await t.db.select({ id: s.uploads.id }).from(s.uploads)).toHaveLength(before.length);
    const stored = await storeUpload({ db: t.db, actor: { id: owner.user.id, role: 'resident', placePaths: [] }, kind: 'damage_photo', target: { householdId: owner.household.id }, file, ip: '10.0.0.7' });
    expect(stored).toMatchObject({ status: 'stored' });
    const id = stored.status === 'stored' ? stored.id : '';
    const [row] = await t.db.select().from(s.uploads).where(eq(s.uploads.id, id));
    expect(row).toMatchObject({ ownerUserId: owner.user.id, householdId: owner.household.id, storageKey: file.storageKey });
    const [{ n }] = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'upload.create' AND entity_id = ${id}`)).rows as [{ n: number }];
    expect(Number(n)).toBe(1);
  });
});
