// The eligibility reasons (components/eligibility.tsx ReasonList) in two voices: to the resident
// about their own home (您家, "your house"), and, on staff pages, about somebody else's household
// (该户, "this household"). Only the lines whose words differ have a staff key under
// rulesHousehold; the others read the same for both.
import { describe, expect, it } from 'vitest';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import { ReasonList } from '@/components/eligibility';
import type { Reason } from '@/lib/programs';
import { formatsFor, TIME_ZONE } from '@/lib/i18n/config';
import { intlLocale } from '@/lib/i18n/locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { pickMessages } from '@/lib/i18n/pick';
import { argumentsOf, flatKeys, lookup, type Messages } from './catalogue';

type Locale = 'en' | 'zh-CN';
const catalogue = (locale: Locale) => (locale === 'en' ? en : zh) as unknown as Messages;

function render(locale: Locale, reasons: Reason[], forHousehold: boolean, messages: AbstractIntlMessages = catalogue(locale) as AbstractIntlMessages) {
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale: intlLocale(locale),
      messages,
      timeZone: TIME_ZONE,
      formats: formatsFor(locale),
      now: new Date(),
      // A key missing from the messages handed in must fail the test, not print the key.
      onError: (err) => {
        throw err;
      },
      children: createElement(ReasonList, { reasons, forHousehold }),
    }),
  );
  return html.replace(/<[^>]+>/g, ' ').replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** The rule reasons a programme can give: everything under `rules` but the badge, outcome and entitlement words. */
const REASON_CODES = flatKeys((zh as unknown as Messages).rules as Messages, 'rules.').filter((k) => !/^rules\.(outcome|preview|previewHousehold|entitlement)\./.test(k));
const PARAMS = { grade: 'D', boilers: 1, heatPumps: 2 };
const ADDRESSES_READER = /您|你|\byour?\b/i;

describe('ReasonList: the resident reads about their own home, staff about the household', () => {
  const grade: Reason = { code: 'rules.safetyGradeCD', passed: false, params: { grade: 'B' } };
  const kind: Reason = { code: 'rules.unknown.kind', passed: false };

  it('zh: the resident reads 您家, staff read 该户', () => {
    const resident = render('zh-CN', [grade, kind], false);
    expect(resident).toContain('房屋安全鉴定为C级或D级危房（您家：B级）');
    expect(resident).toContain('还不清楚您家是城区住户还是农村住户');
    const staff = render('zh-CN', [grade, kind], true);
    expect(staff).toContain('房屋安全鉴定为C级或D级危房（该户：B级）');
    expect(staff).toContain('还不清楚该户是城区住户还是农村住户');
    expect(staff).not.toContain('您');
    // The outcome word of each line is the same in both voices.
    expect(staff).toContain(lookup(zh as unknown as Messages, 'rules.outcome.unknown')!);
  });

  it('en: "your house" for the resident, "this household" for staff', () => {
    expect(render('en', [grade, kind], false)).toContain('(your house: grade B)');
    const staff = render('en', [grade, kind], true);
    expect(staff).toContain('(this household: grade B)');
    expect(staff).toContain('Not yet known whether this household is urban or rural');
    expect(staff).not.toMatch(ADDRESSES_READER);
  });

  it('a line worded the same for both has no staff key and reads as the resident\'s', () => {
    const affected: Reason = { code: 'rules.affected', passed: true };
    expect(lookup(zh as unknown as Messages, 'rulesHousehold.affected')).toBeUndefined();
    for (const locale of ['zh-CN', 'en'] as const) expect(render(locale, [affected], true)).toContain(lookup(catalogue(locale), 'rules.affected')!);
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`${locale}: no reason speaks to the reader on a staff page`, () => {
      const bad = REASON_CODES.filter((code) => ADDRESSES_READER.test(render(locale, [{ code, passed: false, params: PARAMS }], true)));
      expect(bad).toEqual([]);
      // The check can fail: the resident's wording does speak to the reader.
      expect(REASON_CODES.filter((code) => ADDRESSES_READER.test(render(locale, [{ code, passed: false, params: PARAMS }], false))).length).toBeGreaterThan(0);
    });
  }

  it('every staff line stands for a reason the rules give, with the same arguments', () => {
    for (const cat of [zh, en] as unknown as Messages[]) {
      const own = flatKeys(cat.rulesHousehold as Messages, 'rulesHousehold.');
      expect(own.length).toBeGreaterThan(0);
      for (const k of own) {
        const code = `rules.${k.slice('rulesHousehold.'.length)}`;
        expect(REASON_CODES, k).toContain(code);
        expect(argumentsOf(lookup(cat, k)!), k).toEqual(argumentsOf(lookup(cat, code)!));
      }
    }
  });

  it('the cadre\'s 代办 form gets the staff lines with the messages its page hands to the browser', () => {
    const picked = pickMessages(zh as unknown as AbstractIntlMessages, CLIENT_MESSAGES.apply);
    const staff = render('zh-CN', [grade, { code: 'rules.groundFloorFlooded', passed: false }], true, picked);
    expect(staff).toContain('（该户：B级）');
    expect(staff).toContain('该户一楼进了水');
  });
});
