// TRUST V1 on the server-action endpoint: lib/action-reply.ts lets through the arguments the
// pages send and refuses the rest, and whatever it lets through, React's own reply decoder (the
// copy Next ships and runs) decodes without a throw into arguments a function can be called
// with. The decoder runs in a child Node process with the react-server condition, as in the
// server; nothing of it is mocked.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_MAX_ARGUMENTS, REPLY_MAX_DEPTH, REPLY_MAX_SLOTS, replyArgumentsProblem } from '@/lib/action-reply';

// Decodes as Next does (action-handler.js: a temporary reference set, no server functions).
// Reads a JSON array of bodies on stdin; prints, for each, null when decoding gave an argument
// list a call accepts, or the decoder's message when it threw.
const DECODE = `
const { decodeReply, createTemporaryReferenceSet } = require('next/dist/compiled/react-server-dom-turbopack/server.node');
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', async () => {
  const out = [];
  for (const body of JSON.parse(input)) {
    try {
      const args = await decodeReply(body, {}, { temporaryReferences: createTemporaryReferenceSet() });
      (function () {}).apply(null, args);
      out.push(null);
    } catch (e) {
      out.push(String(e && e.message));
    }
  }
  process.stdout.write(JSON.stringify(out));
});`;

/** What React's decoder does with each body: null when it decodes, else its error. */
function decodeWithReact(bodies: string[]): (string | null)[] {
  const run = spawnSync(process.execPath, ['--conditions=react-server', '-e', DECODE], { input: JSON.stringify(bodies), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as (string | null)[];
}

/** What a page sends for a form's action: the previous result and the form data. */
const PAGE_BODIES = [
  '[]',
  '[null,"$K1"]',
  '[{"status":"error","code":"invalid","fieldErrors":{"reason":["validation.tooShort"]},"values":{"reason":"$$ had a $ sign"}},"$K1"]',
  '[{"status":"ok","data":{"id":"0b9f6f7e-4c1a-4f65-9d3e-1f2a3b4c5d6e"},"at":"$D2026-12-02T10:00:00.000Z","note":"$undefined"},"$K2"]',
  '["2026-11-30T08:00:00.000Z|0b9f6f7e-4c1a-4f65-9d3e-1f2a3b4c5d6e"]',
  '[{"after":["a",1,true,null]},-1.5,"$-0","$Infinity","$-Infinity","$NaN"]',
];

/** Bodies a page never sends, each of which makes Next's decoding throw (and so answer 500). */
const HAND_MADE: [string, string][] = [
  ['a reference to a part that is not there', '["$1"]'],
  ['a promise', '["$@1"]'],
  ['a map', '["$Q1"]'],
  ['a set', '["$W1"]'],
  ['an iterator', '["$i1"]'],
  ['another server function', '["$h1"]'],
  ['a blob', '["$B1"]'],
  ['a typed array', '["$A1"]'],
  ['a stream', '["$R1"]'],
  ['a temporary reference', '["$T"]'],
  ['a bigint that is not a number', '["$nabc"]'],
  ['a tag no React knows', '["$Zz"]'],
  ['a lone dollar sign', '["$"]'],
  ['a promise deep inside', '[{"a":[{"b":["$@2"]}]}]'],
  ['arguments that are not an array', '5'],
  ['arguments that are an object', '{"0":"x"}'],
  ['arguments that are a string', '"x"'],
];

describe('replyArgumentsProblem', () => {
  it('lets through what the pages send, and React decodes each of them', () => {
    for (const body of PAGE_BODIES) expect(replyArgumentsProblem(body), body).toBeNull();
    expect(decodeWithReact(PAGE_BODIES)).toEqual(PAGE_BODIES.map(() => null));
  });

  it('refuses text that is not JSON as unreadable', () => {
    for (const body of ['', 'garbage', '[', '[1,]', '\u0000']) expect(replyArgumentsProblem(body), body).toBe('unreadable');
  });

  it('refuses each hand-made body that React would not decode into a call', () => {
    for (const [label, body] of HAND_MADE) expect(replyArgumentsProblem(body), label).toBe('unsupported');
    // Checked against React itself, so the list above is not only this module's opinion.
    const decoded = decodeWithReact(HAND_MADE.map(([, body]) => body));
    const decodedAnyway = HAND_MADE.filter((_, i) => decoded[i] === null).map(([label]) => label);
    // These decode, into values no action can use (a promise or a stream that never settles, an
    // opaque reference, an object for an argument list); no page sends them. Every other one throws.
    expect(decodedAnyway).toEqual(['a promise', 'a stream', 'a temporary reference', 'a promise deep inside', 'arguments that are an object']);
  });

  it('refuses too many arguments, too deep a nesting and too many array slots', () => {
    const args = (n: number) => JSON.stringify(Array.from({ length: n }, () => 0));
    expect(replyArgumentsProblem(args(REPLY_MAX_ARGUMENTS))).toBeNull();
    expect(replyArgumentsProblem(args(REPLY_MAX_ARGUMENTS + 1))).toBe('unsupported');
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(replyArgumentsProblem(nested(REPLY_MAX_DEPTH))).toBeNull();
    expect(replyArgumentsProblem(nested(REPLY_MAX_DEPTH + 1))).toBe('unsupported');
    // Far deeper than a call stack: refused without a throw.
    expect(replyArgumentsProblem(nested(200_000))).not.toBeNull();
    expect(replyArgumentsProblem(JSON.stringify([Array.from({ length: REPLY_MAX_SLOTS }, () => 0)]))).toBe('unsupported');
    expect(replyArgumentsProblem(JSON.stringify(['$$' + 'x'.repeat(REPLY_MAX_SLOTS)]))).toBe('unsupported');
    // The same sizes break React's decoder or the call (so the limits are not stricter than needed by much).
    expect(decodeWithReact([args(400_000), nested(20_000), JSON.stringify(['$$' + 'x'.repeat(REPLY_MAX_SLOTS), 0])]).every((e) => e !== null)).toBe(true);
  });

  it('whatever it lets through, React decodes into arguments a call accepts (generated bodies)', () => {
    // JSON values whose strings are often tags: every tag React knows, and some it does not.
    const tagged = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.tuple(fc.constantFrom(...'$@hTQWKi-INuDnAOoUSsLlGgMmVBRrXxHZ0123456789'.split('')), fc.string({ maxLength: 6 })).map(([tag, rest]) => `$${tag}${rest}`),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tagged, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 4 }), tie('node'), { maxKeys: 4 })),
    })).node;
    const bodies = fc.sample(fc.oneof(value, fc.array(value, { maxLength: 5 })), { numRuns: 3000, seed: 20261202 }).map((v) => JSON.stringify(v));
    const passed = bodies.filter((b) => replyArgumentsProblem(b) === null);
    // The generator reaches both sides.
    expect(passed.length).toBeGreaterThan(300);
    expect(bodies.length - passed.length).toBeGreaterThan(300);
    const decoded = decodeWithReact(passed);
    expect(passed.filter((_, i) => decoded[i] !== null)).toEqual([]);
  });
});
