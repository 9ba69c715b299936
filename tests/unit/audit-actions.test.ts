// The audit registry (lib/audit/actions.ts) and its words: every action name the code may write
// reads in both languages, no words wait for a name the registry lacks, and no two actions read
// alike in the action filter. A row's details come out as labelled lines with code values in
// words, and what a writer masked stays masked.
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, AUDIT_GROUPS, isAuditAction } from '@/lib/audit/actions';
import { actionWords, detailLines, entityWords, type AuditWordsContext, type Translate } from '@/lib/audit/words';
import { REVEAL_FIELDS } from '@/lib/domain';
import { flatKeys, lookup, type Messages } from './catalogue';

const catalogues = { zh: zh as Messages, en: en as Messages };

function context(lang: 'zh' | 'en'): AuditWordsContext {
  const t = createTranslator({ locale: lang === 'zh' ? 'zh-CN' : 'en-GB', messages: catalogues[lang] });
  return {
    t: t as unknown as Translate,
    has: (k) => (t.has as (key: string) => boolean)(k),
    dateTime: (at) => at.toISOString().slice(0, 16),
    number: (n) => String(n),
  };
}
const zhWords = context('zh');
const enWords = context('en');

describe('the audit action registry', () => {
  it.each(['zh', 'en'] as const)('gives every name words in %s', (lang) => {
    const missing = AUDIT_ACTION_NAMES.filter((a) => !lookup(catalogues[lang], `auditActions.${a}`)?.trim());
    expect(missing).toEqual([]);
  });

  it.each(['zh', 'en'] as const)('holds no words in %s for a name outside the registry', (lang) => {
    const worded = flatKeys(catalogues[lang].auditActions as Messages);
    expect(worded.filter((k) => !isAuditAction(k))).toEqual([]);
    expect(worded).toHaveLength(AUDIT_ACTION_NAMES.length);
  });

  it.each(['zh', 'en'] as const)('never words two actions alike in %s, so the filter tells them apart', (lang) => {
    const byWords = new Map<string, string[]>();
    for (const a of AUDIT_ACTION_NAMES) {
      const w = lookup(catalogues[lang], `auditActions.${a}`) ?? '';
      byWords.set(w, [...(byWords.get(w) ?? []), a]);
    }
    expect([...byWords.values()].filter((names) => names.length > 1)).toEqual([]);
  });

  it('files every name under a group the filter lists, and every group holds a name and has words', () => {
    for (const a of AUDIT_ACTION_NAMES) expect(AUDIT_GROUPS).toContain(AUDIT_ACTIONS[a]);
    for (const g of AUDIT_GROUPS) {
      expect(AUDIT_ACTION_NAMES.some((a) => AUDIT_ACTIONS[a] === g), g).toBe(true);
      expect(lookup(catalogues.zh, `countyAudit.groups.${g}`), g).toBeTruthy();
    }
  });

  it('says an action in words, and a code it does not know as written', () => {
    expect(actionWords(zhWords.t, 'auth.sign_in')).toBe('登录');
    expect(actionWords(enWords.t, 'application.approve')).toBe('Approve an application');
    expect(actionWords(zhWords.t, 'test.chain')).toBe('test.chain');
    expect(isAuditAction('toString')).toBe(false);
  });
});

describe('a row in words', () => {
  const row = (action: string, entity: string, details: unknown) => ({ action, entity, details });

  it('names the kind of record, or leaves an unknown one as stored', () => {
    expect(entityWords(zhWords, 'application')).toBe('申请');
    expect(entityWords(enWords, 'stock_point')).toBe('Stock point');
    expect(entityWords(zhWords, 'test')).toBe('test');
  });

  it('words a refusal: why and at which check', () => {
    expect(detailLines(zhWords, row('staff.create', 'action', { refused: 'forbidden', stage: 'capability' }))).toEqual([
      { key: 'refused', label: '拒绝原因', value: '无此权限' },
      { key: 'stage', label: '拒绝环节', value: '身份无此权限' },
    ]);
    expect(detailLines(enWords, row('case.decide', 'action', { refused: 'not_found', stage: 'record' })).map((l) => `${l.label}: ${l.value}`)).toEqual(['Why refused: Not found or out of reach', 'Refused at: Record out of reach']);
  });

  it('shows a masked phone masked, words a failed sign-in’s reason, and leaves a reason a person typed as typed', () => {
    expect(detailLines(zhWords, row('auth.sign_in', 'user', { reason: 'password', phone: '138****0001' }))).toEqual([
      { key: 'reason', label: '原因', value: '密码错误' },
      { key: 'phone', label: '手机号', value: '138****0001' },
    ]);
    expect(detailLines(zhWords, row('user.register', 'user', { phone: '139****0002', reason: 'phone_taken,id_taken' })).map((l) => l.value)).toEqual(['139****0002', '手机号已注册；身份证号已登记']);
    // A reveal's reason is typed by the cadre, even when it happens to spell a code.
    expect(detailLines(zhWords, row('pii.reveal', 'household', { field: 'idNumber', reason: 'password' })).map((l) => l.value)).toEqual(['身份证号', 'password']);
    expect(detailLines(zhWords, row('staff.id_number.set', 'user', { idNumber: '110105********1234' })).map((l) => l.value)).toEqual(['110105********1234']);
  });

  it('says in words every field staff can reveal', () => {
    for (const field of REVEAL_FIELDS) {
      for (const words of [zhWords, enWords]) {
        const [line] = detailLines(words, row('pii.reveal', 'household', { field }));
        expect(line!.value, field).not.toBe(field);
      }
    }
  });

  it('words a case’s move between statuses, and a search’s days as times', () => {
    // As the database hands it back (jsonb puts shorter keys first): still read from → to.
    expect(detailLines(zhWords, row('application.approve', 'application', { to: 'approved', from: 'submitted', onBehalf: true }))).toEqual([
      { key: 'from', label: '原状态', value: '审核中' },
      { key: 'to', label: '新状态', value: '已通过' },
      { key: 'onBehalf', label: '代办', value: '是' },
    ]);
    expect(detailLines(enWords, row('export.audit', 'audit_events', { from: '2026-11-19T16:00:00.000Z', format: 'xlsx', action: '', person: null }))).toEqual([
      { key: 'from', label: 'From', value: '2026-11-19T16:00' },
      { key: 'format', label: 'File format', value: 'xlsx' },
    ]);
  });

  it('words a fact’s check in the words of the damage form', () => {
    const lines = detailLines(zhWords, row('fact.verify', 'household', { key: 'safetyGrade', value: 'D', method: 'visit', declared: null, previous: 'C', corrected: true }));
    expect(lines.map((l) => `${l.label}：${l.value}`)).toEqual(['核实项目：房屋安全鉴定等级', '核实值：D级（整体危险）', '核实方式：入户核实', '申报值：未填写', '原核实值：C级（局部危险）', '按核实结果更正：是']);
    expect(detailLines(zhWords, row('household.declare', 'household', { changed: { groundFloorFlooded: true }, photos: 2 })).map((l) => l.value)).toEqual(['一楼进水：是', '2']);
  });

  it('keeps a key it has no words for, nested values as label–value pairs, and cuts a very long value', () => {
    const lines = detailLines(enWords, row('programme.grievance_limit.update', 'programme', { strange: 'x', before: { respondDays: 3 }, note: 'a'.repeat(500) }));
    expect(lines[0]).toEqual({ key: 'strange', label: 'strange', value: 'x' });
    expect(lines[1]).toEqual({ key: 'before', label: 'Before', value: 'respondDays: 3' });
    expect(lines[2]!.value).toHaveLength(200);
    expect(lines[2]!.value.endsWith('…')).toBe(true);
    expect(detailLines(enWords, row('auth.sign_out', 'user', null))).toEqual([]);
  });
});
