// The days the words promise are the real ones: a stored notification names the days it was
// written with, and one written before it carried them names the default limit (never a raw
// "{days}" or a formatting error); page leads name the grievance limits only when every kind
// of problem shares them; a filed grievance's limits are read back from its own deadlines; the
// reopen and appeal windows are worded from their constants; and no catalogue sentence writes
// a number of days of its own.
import { describe, expect, it } from 'vitest';
import { createTranslator, type IntlError } from 'next-intl';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { GRIEVANCE_CATEGORIES } from '@/lib/domain';
import { describeResult } from '@/lib/action-result';
import { DEFAULT_GRIEVANCE_LIMITS, REOPEN_WINDOW_DAYS, grievanceDeadlines, limitsOfDeadlines, limitsStartedAt, sharedGrievanceLimits } from '@/lib/grievances';
import { intlLocale } from '@/lib/i18n/locale';
import { loose } from '@/lib/i18n/loose';
import { noticeValues, storedNoticeValues } from '@/lib/i18n/notification-values';
import { APPEAL_WINDOW_DAYS } from '@/lib/refusals';
import { flatKeys, lookup, type Messages } from './catalogue';

/** A translator as the app configures one, that records every formatting problem instead of hiding it. */
function translator(locale: 'zh-CN' | 'en') {
  const errors: string[] = [];
  const t = createTranslator({ locale: intlLocale(locale), messages: locale === 'en' ? en : zh, onError: (e: IntlError) => errors.push(`${e.code}: ${e.message}`), getMessageFallback: ({ key }) => `<<${key}>>` });
  return { t: loose(t), errors };
}

/** The sentence the resident's inbox (or, for staff kinds, the staff inbox) shows for a stored row. */
function inboxText(locale: 'zh-CN' | 'en', kind: string, params: unknown) {
  const { t, errors } = translator(locale);
  const key = kind.startsWith('staff.') ? `cadreInbox.kinds.${kind.slice('staff.'.length)}` : `notifications.kinds.${kind}`;
  const text = t(key, noticeValues(t, kind, params));
  return { text, errors };
}

describe('stored notifications name the days they were written with', () => {
  const kinds = ['grievance.open', 'grievance.reopened', 'staff.grievanceFiled'];

  it.each(kinds)('%s: a row with days = 5 says 5, in both languages', (kind) => {
    const zhText = inboxText('zh-CN', kind, { reference: 'SQ-2026-000001', category: 'heating', days: 5 });
    const enText = inboxText('en', kind, { reference: 'SQ-2026-000001', category: 'heating', days: 5 });
    expect(zhText.errors).toEqual([]);
    expect(enText.errors).toEqual([]);
    expect(zhText.text).toContain('5天内');
    expect(zhText.text).toContain('供暖');
    expect(enText.text).toContain('within 5 days');
    expect(enText.text).toContain('Heating');
  });

  it.each(kinds)('%s: a row written before the days were stored says the default limit, never "{days}"', (kind) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { text, errors } = inboxText(locale, kind, { reference: 'SQ-2025-000009', category: 'garbage' });
      expect(errors).toEqual([]);
      expect(text).not.toMatch(/[{}]|<</);
      expect(text).toContain(locale === 'en' ? `within ${DEFAULT_GRIEVANCE_LIMITS.respondDays} days` : `${DEFAULT_GRIEVANCE_LIMITS.respondDays}天内`);
    }
  });

  it('a one-day limit reads "1 day" in English', () => {
    expect(inboxText('en', 'grievance.open', { reference: 'R', category: 'other', days: 1 }).text).toContain('within 1 day.');
  });

  it('a stored days value that is not a whole number is not shown; the default stands in', () => {
    for (const days of ['5', -1, 2.5, null]) expect(storedNoticeValues('grievance.open', { reference: 'R', days }).days).toBe(DEFAULT_GRIEVANCE_LIMITS.respondDays);
  });

  it('a refusal names the appeal window of the code, which rows never stored', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { text, errors } = inboxText(locale, 'application.rejected', { reference: 'SQ-1', programme: 'warm_winter' });
      expect(errors).toEqual([]);
      expect(text).toContain(locale === 'en' ? `within ${APPEAL_WINDOW_DAYS} days` : `${APPEAL_WINDOW_DAYS}天内`);
    }
  });

  it('kinds without days are worded as before', () => {
    expect(storedNoticeValues('grievance.responded', { reference: 'R', category: 'jobs' })).toEqual({ reference: 'R', category: 'jobs' });
    expect(inboxText('en', 'grievance.responded', { reference: 'R', category: 'jobs' }).errors).toEqual([]);
  });
});

describe('a grievance page lead names days only when every kind of problem shares them', () => {
  const all = (limits: { respondDays: number; resolveDays: number }) => Object.fromEntries(GRIEVANCE_CATEGORIES.map((c) => [c, limits]));

  it('the same limits everywhere (also categories without a row, which get the defaults): those limits', () => {
    expect(sharedGrievanceLimits({})).toEqual(DEFAULT_GRIEVANCE_LIMITS);
    expect(sharedGrievanceLimits(all({ respondDays: 2, resolveDays: 10 }))).toEqual({ respondDays: 2, resolveDays: 10 });
  });

  it('one category set differently: no shared limits, so the lead gives no number', () => {
    expect(sharedGrievanceLimits({ ...all(DEFAULT_GRIEVANCE_LIMITS), heating: { respondDays: 1, resolveDays: 15 } })).toBeNull();
    expect(sharedGrievanceLimits({ heating: { respondDays: 5, resolveDays: 20 } })).toBeNull();
  });

  it('both leads read naturally with the shared limits, and the per-kind lead promises no number', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, errors } = translator(locale);
      for (const key of ['grievances.lead', 'cadreGrievances.lead', 'cadreVisits.needs.lead']) {
        const text = t(key, { respondDays: 2, resolveDays: 10 });
        expect(text).toMatch(locale === 'en' ? /within 2 days .*within 10 days/ : /2天内.*10天内/);
      }
      for (const key of ['grievances.leadPerKind', 'cadreGrievances.leadPerKind', 'cadreVisits.needs.leadPerKind']) expect(t(key)).not.toMatch(/\d/);
      expect(errors).toEqual([]);
    }
  });
});

describe("a grievance's own limits come from its deadlines", () => {
  const filed = new Date('2026-11-03T09:30:00+08:00');

  it('the deadlines set under 5 and 12 days read back as 5 and 12, whatever the category says today', () => {
    const g = grievanceDeadlines(filed, { respondDays: 5, resolveDays: 12 });
    expect(limitsOfDeadlines(g, filed)).toEqual({ respondDays: 5, resolveDays: 12 });
  });

  it('after a reopening the limits count from the reopening, the last one when there were several', () => {
    const reopened = new Date('2026-11-20T15:00:00+08:00');
    const again = new Date('2026-12-01T08:00:00+08:00');
    const events = [
      { action: 'file', at: filed },
      { action: 'reopen', at: reopened },
      { action: 'respond', at: new Date('2026-11-21T10:00:00+08:00') },
      { action: 'reopen', at: again },
    ];
    expect(limitsStartedAt(filed, events)).toEqual(again);
    expect(limitsStartedAt(filed, events.slice(0, 1))).toEqual(filed);
    expect(limitsOfDeadlines(grievanceDeadlines(again, { respondDays: 4, resolveDays: 9 }), limitsStartedAt(filed, events))).toEqual({ respondDays: 4, resolveDays: 9 });
  });
});

describe('windows of the code are worded from their constants', () => {
  it('the reopen refusal carries REOPEN_WINDOW_DAYS and reads it', () => {
    const message = describeResult({ status: 'conflict', code: 'conflict:reopen_window_closed' }, 'grievance');
    expect(message).toEqual({ key: 'grievances.refusals.reopen_window_closed', values: { days: REOPEN_WINDOW_DAYS } });
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, errors } = translator(locale);
      expect(t(message!.key, message!.values)).toContain(locale === 'en' ? `${REOPEN_WINDOW_DAYS} days` : `${REOPEN_WINDOW_DAYS}天`);
      expect(errors).toEqual([]);
    }
  });

  it("a case's action words: the appeal window, and the programme's notice (none at 0 days)", () => {
    const { t, errors } = translator('en');
    const values = { appealDays: APPEAL_WINDOW_DAYS, noticeDays: 5 };
    expect(t('cases.done.reject', values)).toContain(`within ${APPEAL_WINDOW_DAYS} days`);
    expect(t('cases.done.decline', values)).toContain(`within ${APPEAL_WINDOW_DAYS} days`);
    expect(t('cases.help.recommend', values)).toContain('public notice for 5 days');
    expect(t('cases.help.recommend', { ...values, noticeDays: 0 })).toContain('no public notice');
    const z = translator('zh-CN');
    expect(z.t('cases.help.recommend', values)).toContain('公示5天');
    expect(z.t('cases.help.recommend', { ...values, noticeDays: 0 })).toContain('不公示');
    expect([...errors, ...z.errors]).toEqual([]);
  });
});

describe('no sentence writes a number of days of its own', () => {
  // The range hint of the notice-days field is about what may be typed, not a time limit.
  const allowed = new Set(['countyProgrammes.fields.noticeDaysHint']);
  it.each([
    ['zh-CN', zh],
    ['en', en],
  ] as const)('%s', (_name, catalogue) => {
    const bad = flatKeys(catalogue as Messages).filter((k) => !allowed.has(k) && /\d\s*天|\b\d+\s*(days?|-day)\b|within \d+\b/.test(lookup(catalogue as Messages, k)!));
    expect(bad).toEqual([]);
  });
});
