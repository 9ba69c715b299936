import { describe, expect, it, vi } from 'vitest';

const state = { fail: false };
vi.mock('@/db/client', () => ({
  getDb: () => ({
    execute: async () => {
      if (state.fail) throw new Error('connect ECONNREFUSED 127.0.0.1:5432 password=secret');
      return { rows: [{ '?column?': 1 }] };
    },
  }),
  dbKind: () => 'postgres',
}));

const { GET } = await import('@/app/api/health/route');

describe('GET /api/health', () => {
  it('answers 200 when the database answers', async () => {
    state.fail = false;
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'postgres' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
  it('answers 503 with a plain reason, and no connection detail, when it does not', async () => {
    state.fail = true;
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect(body).not.toContain('secret');
    spy.mockRestore();
  });
});
