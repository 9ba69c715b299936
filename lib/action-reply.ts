// What the arguments of a server-action request may hold before React's reply decoder sees
// them (TRUST V1; called by proxy.ts). The portal's pages call their actions with form data
// (React sends it as "$K<id>" beside the form's fields), strings, numbers, plain objects and
// arrays, and the previous result of a form (which may hold `undefined` or a date). React's
// reply encoding writes those as JSON in which a string starting with "$" is a tag: "$$…" an
// escaped string, "$undefined", "$D<date>", "$K<id>", "$-0", "$Infinity", "$NaN".
//
// Every other tag refers to another part of the request (a promise, a map, a blob, a stream,
// another server function…) or asks the decoder for something the pages never send, and a
// hand-made body could make each of them throw inside Next, which answers any throw while
// decoding with a 500: a reference to a part that is not there, a bigint that is not a number,
// arguments that are not an array, more arguments than a call can take, nesting deeper than
// the decoder's recursion, more array slots than React allows (its `arraySizeLimit`). This
// check is a list of what may pass rather than of what breaks: what the pages send, nothing
// else, so a new kind of tag in a later React cannot slip through.

/** Deepest nesting of arrays and objects in a call's arguments (the pages send at most 3 or 4). */
export const REPLY_MAX_DEPTH = 32;
/** Most arguments in one call (a form's action gets two: the previous result and the form). */
export const REPLY_MAX_ARGUMENTS = 100;
/**
 * React's reply decoder refuses more than a million array slots under one root (each array
 * counts its length + 1, an escaped "$$" string its length − 1); counted here over the whole
 * body, which is never less than any one root's count.
 */
export const REPLY_MAX_SLOTS = 1_000_000;

/** Tags after "$" that stand for a value in place and never refer to another part. */
const IN_PLACE_TAGS = new Set(['$', 'u', 'D', 'K', '-', 'I', 'N']);

export type ReplyProblem = 'unreadable' | 'unsupported';

/**
 * Why `root` (the text of the request's arguments: the whole text/plain body, or field "0" of a
 * multipart one) is not a call the pages send, or null when it is. 'unreadable': not JSON.
 * 'unsupported': JSON, but not arguments the pages send.
 */
export function replyArgumentsProblem(root: string): ReplyProblem | null {
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return 'unreadable';
  }
  if (!Array.isArray(args) || args.length > REPLY_MAX_ARGUMENTS) return 'unsupported';
  // Walked with a stack of its own: a hand-made body may nest far deeper than a call stack allows.
  const pending: { value: unknown; depth: number }[] = [{ value: args, depth: 1 }];
  let slots = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value[0] !== '$') continue;
      if (value.length < 2 || !IN_PLACE_TAGS.has(value[1]!)) return 'unsupported';
      if (value[1] === '$') slots += value.length - 1;
    } else if (value !== null && typeof value === 'object') {
      if (depth > REPLY_MAX_DEPTH) return 'unsupported';
      const children = Array.isArray(value) ? value : Object.values(value);
      if (Array.isArray(value)) slots += value.length + 1;
      for (const child of children) pending.push({ value: child, depth: depth + 1 });
    }
    if (slots > REPLY_MAX_SLOTS) return 'unsupported';
  }
  return null;
}
