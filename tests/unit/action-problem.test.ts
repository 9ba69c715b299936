// ActionProblem with the refusals a form words itself (staff, waiver, payment, supervision
// forms): those codes read as the form's sentence, everything else as the general one.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { ActionProblem } from '@/components/grievances/action-problem';
import type { ActionResult } from '@/lib/action-result';
import zh from '@/messages/zh-CN.json';

const text = (key: string): string => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zh) as string;

const OWN = { 'conflict:last_place': 'staff.errors.lastPlace' };

function render(state: ActionResult<unknown> | null, own: { ownConflicts?: Record<string, string>; ownForbidden?: string } = {}): string {
  return renderToString(h(NextIntlClientProvider, { locale: 'zh-CN', messages: zh, timeZone: 'Asia/Shanghai', children: h(ActionProblem, { state, ...own }) }));
}

describe('ActionProblem', () => {
  it("shows the form's own sentence for a conflict it names, in the same alert box", () => {
    const html = render({ status: 'conflict', code: 'conflict:last_place' }, { ownConflicts: OWN });
    expect(html).toContain(text('staff.errors.lastPlace'));
    expect(html).toMatch(/^<div role="alert" class="rounded-lg border-l-4 border-red-700 bg-red-50 p-4 font-medium text-red-900">/);
  });

  it('shows the general sentence for a conflict the form does not name', () => {
    const html = render({ status: 'conflict', code: 'conflict:waiver_list' }, { ownConflicts: OWN });
    expect(html).toContain(text('errors.conflict'));
    expect(html).not.toContain(text('staff.errors.lastPlace'));
  });

  it('reads a code as the form\'s own only when the result is a conflict', () => {
    const html = render({ status: 'error', code: 'conflict:last_place' }, { ownConflicts: OWN });
    expect(html).not.toContain(text('staff.errors.lastPlace'));
  });

  it("uses the form's sentence for forbidden when it has one, else the general one", () => {
    expect(render({ status: 'forbidden' }, { ownForbidden: 'countyPayments.notCountyWide' })).toContain(text('countyPayments.notCountyWide'));
    expect(render({ status: 'forbidden' }, { ownConflicts: OWN })).toContain(text('errors.forbidden'));
  });

  it('says nothing without a result, on success, or for field errors the fields show', () => {
    expect(render(null, { ownConflicts: OWN, ownForbidden: 'countyPayments.notCountyWide' })).toBe('');
    expect(render({ status: 'ok', data: null }, { ownConflicts: OWN })).toBe('');
    expect(render({ status: 'invalid', fieldErrors: { name: ['validation.required'] } }, { ownConflicts: OWN })).toBe('');
  });
});
