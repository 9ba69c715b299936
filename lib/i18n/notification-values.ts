// The values for a stored notification's sentence (the row keeps a kind and parameters, and is
// worded when someone reads it): the stored parameters, a programme, fact or category code
// translated, and the days a sentence names when the row does not carry them. Used by the
// resident's inbox and the staff inbox; edit it when a notification's sentence gains a value.
import { FACT_KEYS, GRIEVANCE_CATEGORIES, PROGRAMME_CODES } from '@/lib/domain';
import { DEFAULT_GRIEVANCE_LIMITS } from '@/lib/grievances';
import { APPEAL_WINDOW_DAYS } from '@/lib/refusals';
import type { LooseTranslate } from './loose';

/**
 * Values a kind's sentence needs that a stored row may lack. The appeal window is a constant of
 * the code, so it is never stored: the sentence names the window the appeal check uses. A
 * grievance's days to answer are stored with each notice since they came from its category's
 * limits; a notice written before that falls back to the default limits.
 */
const FALLBACK_VALUES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'application.rejected': { days: APPEAL_WINDOW_DAYS },
  'grievance.open': { days: DEFAULT_GRIEVANCE_LIMITS.respondDays },
  'grievance.reopened': { days: DEFAULT_GRIEVANCE_LIMITS.respondDays },
  'staff.grievanceFiled': { days: DEFAULT_GRIEVANCE_LIMITS.respondDays },
};

const isOneOf = (list: readonly string[], v: unknown): v is string => typeof v === 'string' && list.includes(v);

/** The stored parameters that a sentence can use (strings and numbers), with the kind's fallbacks for those missing. */
export function storedNoticeValues(kind: string, raw: unknown): Record<string, string | number> {
  const values: Record<string, string | number> = { ...FALLBACK_VALUES[kind] };
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      // A days value is a count: anything else stored under it leaves the fallback in place.
      if (k === 'days' ? typeof v === 'number' && Number.isInteger(v) && v >= 0 : typeof v === 'string' || typeof v === 'number') values[k] = v as string | number;
    }
  }
  return values;
}

/** The values for the sentence of a notification of `kind` stored with `raw` parameters, in the reader's language. */
export function noticeValues(t: LooseTranslate, kind: string, raw: unknown): Record<string, string | number> {
  const values = storedNoticeValues(kind, raw);
  if (isOneOf(PROGRAMME_CODES, values.programme)) values.programme = t(`programmes.${values.programme}.name`);
  if (isOneOf(FACT_KEYS, values.fact)) values.fact = t(`facts.${values.fact}`);
  if (isOneOf(GRIEVANCE_CATEGORIES, values.category)) values.category = t(`grievances.category.${values.category}`);
  return values;
}
