// The reveal reason and format rules every ledger export route applies (lib/ledger/reveal.ts),
// and that they are the same bounds as revealing one household's value.
import { describe, expect, it } from 'vitest';
import { LEDGER_REVEAL_REASON_MAX, LEDGER_REVEAL_REASON_MIN, parseLedgerFormat, parseRevealReason } from '@/lib/ledger/reveal';

describe('parseRevealReason', () => {
  it('accepts 4..200 characters after trimming, and returns them trimmed', () => {
    expect(parseRevealReason('  联系核实  ')).toEqual({ ok: true, reason: '联系核实' });
    expect(parseRevealReason('字'.repeat(200))).toEqual({ ok: true, reason: '字'.repeat(200) });
  });

  it('calls nothing, a non-string and whitespace missing', () => {
    for (const v of [undefined, null, 42, {}, '', '   \t\n']) expect(parseRevealReason(v)).toEqual({ ok: false, problem: 'missing' });
  });

  it('refuses three characters and 201, counting characters not UTF-16 units', () => {
    expect(parseRevealReason('核实下')).toEqual({ ok: false, problem: 'too_short' });
    expect(parseRevealReason(' 核实下 ')).toEqual({ ok: false, problem: 'too_short' });
    expect(parseRevealReason('字'.repeat(201))).toEqual({ ok: false, problem: 'too_long' });
    // Two emoji are four UTF-16 units but two characters.
    expect(parseRevealReason('😀😀')).toEqual({ ok: false, problem: 'too_short' });
    expect(parseRevealReason('😀'.repeat(200))).toMatchObject({ ok: true });
  });

  it('uses the same bounds as a household reveal', async () => {
    const { REVEAL_REASON_MIN, REVEAL_REASON_MAX } = await import('@/server/households/reveal-pii');
    expect([LEDGER_REVEAL_REASON_MIN, LEDGER_REVEAL_REASON_MAX]).toEqual([REVEAL_REASON_MIN, REVEAL_REASON_MAX]);
  });
});

describe('parseLedgerFormat', () => {
  it('knows csv and xlsx only, exactly', () => {
    expect(parseLedgerFormat('csv')).toBe('csv');
    expect(parseLedgerFormat('xlsx')).toBe('xlsx');
    for (const v of ['CSV', 'xls', 'pdf', '', 'csv ', undefined, 1]) expect(parseLedgerFormat(v)).toBeNull();
  });
});
