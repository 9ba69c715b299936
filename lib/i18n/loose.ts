// Keys that come from data rather than from the code (rule reason codes, action results, a
// notification's stored kind) cannot be checked by the type checker; tests/unit/messages.test.ts
// checks that they exist in both catalogues. Everywhere else t() takes typed keys.
import type { ResultMessage } from '@/lib/action-result';

export type LooseTranslate = (key: string, values?: Record<string, string | number | Date>) => string;

/** The same translator, typed to accept a key computed at run time. */
export function loose(t: unknown): LooseTranslate {
  return t as LooseTranslate;
}

/** The sentence for describeResult's answer, or null. */
export function resultText(t: unknown, message: ResultMessage | null): string | null {
  return message ? loose(t)(message.key, message.values) : null;
}
