// What "next steps" say on a refused case (app/resident/_lib/next-steps.ts): "you can appeal" only
// while the 15-day window is open; after the window closed, or after the final decision on an
// appeal, a sentence that does not invite an appeal — in both languages.
import { describe, expect, it } from 'vitest';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import { appealWindow, refusalNextStep, type AppealWindow } from '@/app/resident/_lib/next-steps';
import { NextSteps } from '@/app/resident/_components/next-steps';
import { formatsFor, TIME_ZONE } from '@/lib/i18n/config';
import { intlLocale } from '@/lib/i18n/locale';
import { lookup, type Messages } from './catalogue';

const DAY = 86_400_000;
const REJECTED_AT = new Date('2024-11-01T10:00:00+08:00');
const refused = (rejectionFinal: boolean) => ({ status: 'rejected' as const, rejectedAt: REJECTED_AT, rejectionFinal });

describe('refusalNextStep', () => {
  it('invites an appeal only while the window is open', () => {
    expect(refusalNextStep(appealWindow(refused(false), new Date(REJECTED_AT.getTime() + 3 * DAY)))).toEqual({ key: 'rejected' });
    // 15 days after 1 Nov: the last day is 16 Nov; on 17 Nov (CST) the window is closed.
    const closed = refusalNextStep(appealWindow(refused(false), new Date('2024-11-17T00:00:00+08:00')));
    expect(closed.key).toBe('rejectedClosed');
    expect(closed.lastDay?.toISOString()).toBe(new Date('2024-11-16T00:00:00+08:00').toISOString());
  });

  it('after the decision on an appeal the refusal is final, whatever the date', () => {
    expect(refusalNextStep(appealWindow(refused(true), new Date(REJECTED_AT.getTime() + DAY)))).toEqual({ key: 'rejectedFinal' });
  });

  it('a refused case without its refusal date does not claim a window either way', () => {
    expect(refusalNextStep(appealWindow({ status: 'rejected', rejectedAt: null, rejectionFinal: false }))).toEqual({ key: 'rejectedUnknownWindow' });
  });

  it('every sentence exists in both languages; only the open one mentions an appeal as possible, the closed one names its last day', () => {
    for (const cat of [zh, en] as Messages[]) {
      for (const key of ['rejected', 'rejectedClosed', 'rejectedFinal', 'rejectedUnknownWindow']) expect(lookup(cat, `track.next.${key}`), key).toBeTruthy();
      expect(lookup(cat, 'track.next.rejectedClosed')).toContain('{date}');
      expect(lookup(cat, 'notifications.kinds.application.appealDenied')).toMatch(/\{programme\}[\s\S]*\{reference\}/);
    }
    expect(lookup(en as Messages, 'track.next.rejectedFinal')).toMatch(/cannot be appealed/);
    expect(lookup(zh as Messages, 'track.next.rejectedFinal')).toContain('不能再申请复核');
  });
});

describe('the next steps on a refused case, as the resident reads them', () => {
  const render = (locale: 'en' | 'zh-CN', rejectionFinal: boolean, at?: AppealWindow) =>
    renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: intlLocale(locale),
        messages: (locale === 'en' ? en : zh) as unknown as AbstractIntlMessages,
        timeZone: TIME_ZONE,
        formats: formatsFor(locale),
        now: new Date(),
        children: createElement(NextSteps, {
          app: { status: 'rejected', programmeCode: 'building_materials', submittedAt: null, updatedAt: REJECTED_AT, noticeEndsAt: null, pickupCode: null, rejectedAt: REJECTED_AT, rejectionFinal },
          noticeDays: 7,
          stockPoint: null,
          ...(at ? { appeal: at } : {}),
        }),
      }),
    );
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

  it('after a dismissed appeal: final, no invitation to appeal (both languages)', () => {
    const enText = text(render('en', true));
    expect(enText).toContain(lookup(en as Messages, 'track.next.rejectedFinal')!);
    expect(enText).not.toContain(lookup(en as Messages, 'track.next.rejected')!);
    expect(text(render('zh-CN', true))).toContain(lookup(zh as Messages, 'track.next.rejectedFinal')!);
  });

  it('once the window has closed: says so with its last day; while open: invites the appeal', () => {
    const closed = text(render('en', false, appealWindow(refused(false), new Date('2024-11-20T09:00:00+08:00'))));
    expect(closed).toContain('the time to appeal ended on 16 Nov 2024');
    expect(closed).not.toContain(lookup(en as Messages, 'track.next.rejected')!);
    const open = text(render('en', false, appealWindow(refused(false), new Date('2024-11-05T09:00:00+08:00'))));
    expect(open).toContain(lookup(en as Messages, 'track.next.rejected')!);
  });
});
