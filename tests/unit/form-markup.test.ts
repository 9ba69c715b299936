// Rules every form in the browser's code keeps, read from the source so that a new form
// cannot forget them (e2e/early-input.spec.ts shows what breaks when one does):
// - a client form whose fields live in React state takes over what was typed before the page
//   came alive (`ref={earlyInput}` on the form, or `useEarlyInput` for a ref it already holds);
// - a form sent by its onSubmit handler, with no action, keeps its send button disabled until
//   the page is alive (SubmitWhenAlive, the one reader of useAlive), and says method="post": sent by the browser, it would reload
//   the page empty, and as a GET put every field (a password, an ID number) into the address;
// - a filter form (a GET or a search) whose selects show the filters of the URL is keyed by
//   them: a link to the same page with other filters is a client navigation that renders the
//   form again, and React applies a select's defaultValue only when it mounts, so the form
//   would go on showing the old filter (e2e/cadre-households.spec.ts, e2e/cadre-queue.spec.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name.endsWith('.tsx') ? [p] : [];
  });
}

/** The opening `<form …>` tags of a module's JSX (a `>` inside braces does not close the tag). */
function formTags(text: string): string[] {
  const tags: string[] = [];
  for (const m of text.matchAll(/<form[\s>]/g)) {
    let depth = 0;
    let i = m.index + 5;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    tags.push(text.slice(m.index, i + 1).replace(/\s+/g, ' '));
  }
  return tags;
}

const modules = ['app', 'components'].flatMap((d) => walk(path.join(ROOT, d))).map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));
const clientForms = modules.filter((m) => /^'use client'/m.test(m.text) && formTags(m.text).length > 0);

describe('forms in the browser', () => {
  it('finds the client forms it checks', () => {
    expect(clientForms.map((m) => m.file)).toEqual(expect.arrayContaining(['components/sign-in-form.tsx', 'app/(public)/register/register-form.tsx']));
  });

  it('a form whose fields live in state takes over input typed before the page came alive', () => {
    const missing = clientForms
      // A place picker's selects live in its state too: the form around it adopts for it.
      .filter((m) => /onChange=|<PlacePicker/.test(m.text) && !/useEarlyInput\(/.test(m.text))
      .flatMap((m) => formTags(m.text).filter((tag) => !tag.includes('ref={earlyInput}')).map((tag) => `${m.file}: ${tag}`));
    expect(missing).toEqual([]);
  });

  const handlerSent = (m: { text: string }) => formTags(m.text).filter((tag) => tag.includes('onSubmit=') && !tag.includes('action='));

  it('a form sent by its handler posts, so nothing typed lands in the address', () => {
    const getForms = clientForms.flatMap((m) => handlerSent(m).filter((tag) => !tag.includes('method="post"')).map((tag) => `${m.file}: ${tag}`));
    expect(getForms).toEqual([]);
  });

  it('a form sent by its handler cannot be sent before the page is alive', () => {
    const early = clientForms.filter((m) => handlerSent(m).length > 0 && !/<SubmitWhenAlive\b/.test(m.text)).map((m) => m.file);
    expect(early).toEqual([]);
  });

  it('only the send button re-renders when the page comes alive, never a form with fields', () => {
    // A form that read useAlive itself would write its state back into fields chosen before
    // hydration, in the re-render that follows an early tap (components/submit-when-alive.tsx).
    const readers = modules.filter((m) => /\buseAlive\(/.test(m.text)).map((m) => m.file);
    expect(readers).toEqual(['components/submit-when-alive.tsx']);
  });

  it('a filter form whose selects show the URL\'s filters is keyed by them', () => {
    const filterTag = (tag: string) => /method="get"|role="search"/.test(tag);
    const unkeyed = modules
      .filter((m) => /<select[^>]*defaultValue=\{/.test(m.text) && formTags(m.text).some(filterTag))
      .flatMap((m) => formTags(m.text).filter((tag) => filterTag(tag) && !/\bkey=/.test(tag)).map((tag) => `${m.file}: ${tag}`));
    expect(unkeyed).toEqual([]);
  });
});
