// Whether two entitlements grant the same thing: what approval compares the entitlement frozen at
// recommendation with (server/applications/transition-application.ts). Frozen entitlements come
// back from jsonb, which orders object keys its own way, so objects compare key by key; arrays
// (materials, cash lines) keep the rule's order. Pure.
import type { Entitlement } from './types';

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

export function sameEntitlement(a: Entitlement | null | undefined, b: Entitlement | null | undefined): boolean {
  return same(a ?? null, b ?? null);
}
