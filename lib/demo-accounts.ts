// The demo accounts, in one place: the seed creates them, the sign-in page lists them in demo
// mode, the README promises their phone numbers and the end-to-end tests sign in with them.
// Plain data (client-safe, no imports from db/): change a phone or the password here and all
// four follow. Synthetic people only.
import type { Role } from './domain';

/** The one password of every demo account; published on the sign-in page in demo mode. */
export const DEMO_PASSWORD = 'demo1234';

export interface DemoAccount {
  /** Stable name the seed and the tests use to find the account. */
  key: string;
  role: Role;
  phone: string;
  /** Display name (real name on the account). */
  name: string;
  /** The seed's place the account belongs to: a staff member's jurisdiction, a resident's home. */
  place: string;
}

export const DEMO_ACCOUNTS = [
  { key: 'resident', role: 'resident', phone: '13800000001', name: '张建国', place: '永济秀园小区' },
  { key: 'cadre', role: 'cadre', phone: '13800000002', name: '李红梅', place: '刁窝镇' },
  { key: 'official', role: 'official', phone: '13800000003', name: '王志强', place: '涿州市' },
  { key: 'resident2', role: 'resident', phone: '13800000004', name: '赵淑芬', place: '万全庄村' },
  { key: 'cadre2', role: 'cadre', phone: '13800000005', name: '刘海涛', place: '双塔街道' },
] as const satisfies readonly DemoAccount[];

export type DemoAccountKey = (typeof DEMO_ACCOUNTS)[number]['key'];

/** One demo account by key (the list is fixed, so a key always finds one). */
export function demoAccount(key: DemoAccountKey): (typeof DEMO_ACCOUNTS)[number] {
  return DEMO_ACCOUNTS.find((a) => a.key === key)!;
}
