// The error summary's lines name their field (components/form.tsx): a labelled line is worded
// with common.errorSummaryItem in the page's language, and a label that is a question loses its
// question mark before the colon ("一楼进水了吗：…", not "一楼进水了吗？：…").
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { ErrorSummary, summaryLabel } from '@/components/form';
import { loose } from '@/lib/i18n/loose';
import { intlLocale } from '@/lib/i18n/locale';
import zhCN from '@/messages/zh-CN.json';
import en from '@/messages/en.json';

const translator = (locale: 'zh-CN' | 'en') => loose(createTranslator({ locale: intlLocale(locale), messages: locale === 'en' ? en : zhCN, onError: (e) => { throw e; } }));

describe('error summary lines', () => {
  it('drops a question mark ending a label, and leaves other labels alone', () => {
    expect(summaryLabel('一楼进水了吗？')).toBe('一楼进水了吗');
    expect(summaryLabel('Was your ground floor flooded?')).toBe('Was your ground floor flooded');
    expect(summaryLabel('被水泡坏的壁挂炉（台）')).toBe('被水泡坏的壁挂炉（台）');
  });

  it('names the field before its message in each language, and links to it', () => {
    for (const [locale, expected] of [
      ['zh-CN', '一楼进水了吗：请选择。'],
      ['en', 'Was it flooded: Choose one.'],
    ] as const) {
      const label = locale === 'en' ? 'Was it flooded?' : '一楼进水了吗？';
      const message = locale === 'en' ? 'Choose one.' : '请选择。';
      const html = renderToStaticMarkup(createElement(ErrorSummary, { title: 'x', t: translator(locale), errors: [{ fieldId: 'flooded', label, message }] }));
      expect(html).toContain(`<a href="#flooded"`);
      expect(html).toContain(`>${expected}</a>`);
    }
  });
});
