// TRUST A1, the role layer: every server action in the code × {anonymous, resident, cadre,
// official}. The actions are collected from the code (every app/**/actions.ts registers its
// actions in ACTION_REGISTRY when imported), so a new action without a row below fails here.
// A refused cell must be refused before any data is touched: the database handle throws.
// Ownership and jurisdiction (the record layer) are tested per feature in tests/integration.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@/lib/domain';

const session = { user: null as null | { id: string; name: string; role: Role; placeIds: number[]; placePaths: string[] } };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user, requireRole: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('@/db/client', () => ({
  getDb: () => {
    throw new Error('the database was touched');
  },
  dbKind: () => 'postgres',
}));

/** Who may call each action at all (role layer). Public = no session needed. */
const EXPECTED: Record<string, readonly Role[] | 'public'> = {
  'user.register': 'public',
  'household.create_own': ['resident'],
  'household.member_add': ['resident'],
  'household.member_remove': ['resident'],
  'household.declare': ['resident'],
  'application.save_own': ['resident'],
  'application.withdraw_own': ['resident'],
  'application.appeal_own': ['resident'],
  'grievance.file': ['resident'],
  'grievance.close': ['resident'],
  'grievance.reopen': ['resident'],
  'grievance.respond': ['cadre'],
  'grievance.resolve': ['cadre'],
  'notification.open': ['resident', 'cadre', 'official'],
  'notification.readAll': ['resident', 'cadre', 'official'],
  'notice.object': ['resident', 'cadre', 'official'],
  'case.fact.verify': ['cadre'],
  'objection.answer': ['cadre'],
  'case.transition.cadre': ['cadre'],
  'case.fulfil': ['cadre'],
  'case.decide': ['official'],
  'case.approve_batch': ['official'],
};

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? actionFiles(full) : name === 'actions.ts' ? [full] : [];
  });
}

let registry: Map<string, { capability: string | null; action: (...a: [unknown] | [unknown, unknown]) => Promise<{ status: string }> }>;

beforeAll(async () => {
  // Allowed cells with an empty input may reach the (throwing) database: quiet their log line.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const root = path.resolve(__dirname, '../..');
  for (const file of actionFiles(path.join(root, 'app'))) await import(file);
  ({ ACTION_REGISTRY: registry } = (await import('@/lib/actions')) as never);
});

const USERS: Record<Role, { id: string; name: string; role: Role; placeIds: number[]; placePaths: string[] }> = {
  resident: { id: '00000000-0000-4000-8000-000000000001', name: 'r', role: 'resident', placeIds: [], placePaths: [] },
  cadre: { id: '00000000-0000-4000-8000-000000000002', name: 'c', role: 'cadre', placeIds: [3], placePaths: ['/1/3/'] },
  official: { id: '00000000-0000-4000-8000-000000000003', name: 'o', role: 'official', placeIds: [1], placePaths: ['/1/'] },
};

describe('access matrix: every server action × every role', () => {
  it('has a row for every action in the code, and no row for an action that is gone', () => {
    const names = [...registry.keys()].filter((n) => !n.startsWith('test.')).sort();
    expect(names).toEqual(Object.keys(EXPECTED).sort());
  });

  it('refuses an anonymous caller, before touching data, for every non-public action', async () => {
    session.user = null;
    for (const [name, entry] of registry) {
      if (EXPECTED[name] === 'public' || name.startsWith('test.')) continue;
      const r = await entry.action({});
      expect(r.status, name).toBe('unauthenticated');
    }
  });

  for (const role of ['resident', 'cadre', 'official'] as const) {
    it(`refuses the ${role} every action outside the role, before touching data, and lets the others past the role check`, async () => {
      session.user = USERS[role];
      for (const [name, entry] of registry) {
        const expected = EXPECTED[name];
        if (!expected || expected === 'public') continue;
        const r = await entry.action({});
        if (expected.includes(role)) expect(['unauthenticated', 'forbidden'], `${name} as ${role}`).not.toContain(r.status);
        else expect(r.status, `${name} as ${role}`).toBe('forbidden');
      }
    });
  }
});
