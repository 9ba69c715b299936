// The audit log in words for officials (app/county/audit): an action's words (auditActions in
// the catalogues), the kind of record it touched, and its details as label-and-value lines.
// Details are shown as they were written: a writer that masked or hashed a value on purpose
// (a phone 138****0001, an ID number 110105********1234, a name 张*明, a file's checksum) is
// shown masked; nothing here looks anything up to show more. Codes with no words fall back to
// the code itself, so an old row or a new name never breaks the page.
import { FACT_KEYS } from '@/lib/domain';
import { formatFactValue } from '@/lib/facts';
import { isAuditAction } from './actions';

/** The caller's translator with keys computed at run time (lib/i18n/loose on the server), so this module stays free of i18n glue. */
export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export interface AuditWordsContext {
  t: Translate;
  /** Whether the catalogue holds a key (next-intl's t.has). */
  has: (key: string) => boolean;
  /** Formats an instant written into details (ISO text) as the page shows times. */
  dateTime: (at: Date) => string;
  number: (n: number) => string;
}

/** The action in words, or its code when the registry does not know it (an old or a test row). */
export function actionWords(t: Translate, action: string): string {
  return isAuditAction(action) ? t(`auditActions.${action}`) : action;
}

/** The kind of record in words (申请, 住户 …), or the stored word when the catalogue has none. */
export function entityWords({ t, has }: Pick<AuditWordsContext, 't' | 'has'>, entity: string): string {
  const key = `countyAudit.entities.${entity}`;
  return /^[a-z_]+$/.test(entity) && has(key) ? t(key) : entity;
}

/** What of a row decides how its details read. */
export interface AuditRowWords {
  action: string;
  entity: string;
  details: unknown;
}

export interface DetailLine {
  key: string;
  label: string;
  value: string;
}

/** How long one value may run on the page before it is cut (the old JSON view cut at 400 characters in all). */
const VALUE_MAX = 200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CODE = /^[a-z][a-zA-Z_]*$/;
/** Detail keys whose code values share one set of words. */
const VALUE_SET: Record<string, string> = { person: 'search', household: 'search' };
/** Rows whose `reason` is a code (a failed sign-in, why sessions ended, a refused registration); elsewhere a reason is typed by a person. */
const CODED_REASONS = new Set(['auth.sign_in', 'auth.end_sessions', 'user.register', 'objection.lodge']);
/** Keys shown first, in this order; the others keep theirs. */
const FIRST = ['from', 'to'];
const rank = (key: string) => (FIRST.includes(key) ? FIRST.indexOf(key) : FIRST.length);
/** On a fact's check (fact.verify): the values of the fact the row names under `key`. */
const FACT_VALUES = new Set(['value', 'declared', 'previous']);

const isFact = (key: unknown): key is string => typeof key === 'string' && (FACT_KEYS as readonly string[]).includes(key);

function cut(text: string): string {
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}

/**
 * One line per detail: its label in words (the key itself when the catalogue has none) and its
 * value as plain text. A code value gets words where the catalogue has them (a refusal's stage,
 * a status, a programme); an object becomes 'label: value' pairs; anything else is shown as written.
 */
export function detailLines(ctx: AuditWordsContext, row: AuditRowWords): DetailLine[] {
  const { details } = row;
  if (details == null) return [];
  if (typeof details !== 'object' || Array.isArray(details)) return [{ key: '', label: ctx.t('countyAudit.columns.details'), value: cut(plain(ctx, row, '', details)) }];
  const record = details as Record<string, unknown>;
  const fact = isFact(record.key) ? record.key : null;
  // An empty value (a filter left blank, no earlier account) says nothing: no line. A fact's empty value reads 'not filled in'.
  // The database keeps an object's keys in its own order (jsonb: shorter first); a move reads from → to.
  const entries = Object.entries(record).sort(([a], [b]) => rank(a) - rank(b));
  const shown = entries.filter(([key, value]) => (fact && FACT_VALUES.has(key)) || (value !== null && value !== undefined && value !== ''));
  return shown.map(([key, value]) => ({
    key,
    label: labelOf(ctx, row, key),
    value: cut(fact && FACT_VALUES.has(key) ? formatFactValue(ctx.t, fact, value) : key === 'changed' ? factsChanged(ctx, row, value) : plain(ctx, row, key, value)),
  }));
}

/** A declaration's changed facts ({ groundFloorFlooded: true }) in the words of the damage form. */
function factsChanged(ctx: AuditWordsContext, row: AuditRowWords, value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return plain(ctx, row, 'changed', value);
  const pairs = Object.entries(value as Record<string, unknown>);
  if (pairs.length === 0) return '—';
  return pairs
    .map(([k, v]) => (isFact(k) ? ctx.t('countyAudit.detailPair', { label: ctx.t(`facts.${k}`), value: formatFactValue(ctx.t, k, v) }) : ctx.t('countyAudit.detailPair', { label: k, value: plain(ctx, row, k, v, 1) })))
    .join(ctx.t('countyAudit.detailList'));
}

function labelOf({ t, has }: AuditWordsContext, row: AuditRowWords, key: string): string {
  // from/to are statuses on a case or a grievance, and days on a search's filters.
  const statusMove = (key === 'from' || key === 'to') && (row.entity === 'application' || row.entity === 'grievance');
  const wordKey = `countyAudit.detailKeys.${statusMove ? (key === 'from' ? 'statusFrom' : 'statusTo') : key}`;
  return CODE.test(key) && has(wordKey) ? t(wordKey) : key;
}

function plain(ctx: AuditWordsContext, row: AuditRowWords, key: string, value: unknown, depth = 0): string {
  const { t } = ctx;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return ctx.number(value);
  if (typeof value === 'string') return stringValue(ctx, row, key, value);
  if (Array.isArray(value)) return value.map((v) => plain(ctx, row, key, v, depth + 1)).join(t('countyAudit.detailList'));
  if (typeof value === 'object' && depth < 2) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => t('countyAudit.detailPair', { label: labelOf(ctx, row, k), value: plain(ctx, row, k, v, depth + 1) }))
      .join(t('countyAudit.detailList'));
  }
  return JSON.stringify(value);
}

function stringValue(ctx: AuditWordsContext, row: AuditRowWords, key: string, value: string): string {
  const { t, has } = ctx;
  if (ISO_INSTANT.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return ctx.dateTime(at);
  }
  if (!CODE.test(key)) return value;
  // A status a case or a grievance moved from or to.
  if (key === 'from' || key === 'to') {
    const statusKey = row.entity === 'application' ? `status.${value}` : row.entity === 'grievance' ? `grievances.status.${value}` : null;
    return statusKey && CODE.test(value) && has(statusKey) ? t(statusKey) : value;
  }
  if (key === 'programme' && CODE.test(value) && has(`programmes.${value}.name`)) return t(`programmes.${value}.name`);
  if (key === 'key' && isFact(value)) return t(`facts.${value}`);
  if (key === 'role' && CODE.test(value) && has(`roles.${value}`)) return t(`roles.${value}`);
  // Code values with words of their own (a refusal's reason and stage, a sign-in's failure…);
  // a list of codes ('phone_taken,id_taken') word by word. Free text (a reason typed by staff) is left as typed.
  if (key === 'reason' && !CODED_REASONS.has(row.action)) return value;
  const set = VALUE_SET[key] ?? key;
  const codes = value.split(',');
  if (codes.every((c) => CODE.test(c) && has(`countyAudit.detailValues.${set}.${c}`))) return codes.map((c) => t(`countyAudit.detailValues.${set}.${c}`)).join(t('countyAudit.detailList'));
  return value;
}
