// Picks parts of the message catalogue for a client subtree, so a page's payload carries only
// the messages its client components use ('errors.errorPage' takes one sub-namespace).
import type { AbstractIntlMessages, Messages, NestedKeyOf } from 'next-intl';

/** A namespace, nested namespace or single message of the catalogue: 'upload', 'errors.errorPage', 'cases.working'. */
export type MessagePath = NestedKeyOf<Messages>;

export function pickMessages(messages: AbstractIntlMessages, paths: readonly MessagePath[]): AbstractIntlMessages {
  const out: AbstractIntlMessages = {};
  for (const path of paths) {
    const parts = path.split('.');
    let from: AbstractIntlMessages | string | undefined = messages;
    let to = out;
    for (const [i, part] of parts.entries()) {
      if (typeof from !== 'object') break;
      from = from[part];
      if (from === undefined) break;
      if (i === parts.length - 1) to[part] = from;
      else to = (to[part] ??= {}) as AbstractIntlMessages;
    }
  }
  return out;
}
