'use client';
// The text field of a staff search form (work queue, household list, the visit's household
// search, the county's staff list). Those forms POST to a route that seals the words, so an ID
// number never sits in a URL; the route cannot send the number back either, so a number it
// refuses comes back as an empty field. This field asks lib/search-text.ts when its form is sent:
// a number that can find no one (a wrong check character or date of birth, digits that are
// neither a mobile nor an ID number) is not sent, the sentence saying why stands beneath the
// field, which it describes, and what was typed stays to be corrected. Without JavaScript, or
// before the page is alive, the form goes to the route as before, which answers with
// ?idCheck=<problem>: the page hands that in as `problem`.
//
// The field is uncontrolled (defaultValue): nothing typed before hydration can be written back.
//
// The page's current search comes back into the field as its echo (a name as typed, a phone or
// ID number masked: 138****0002), with the search's sealed token in a hidden field beside it.
// Sent unchanged, the echo is that same search (the route keeps the token: server/queue/
// search-token.ts searchFromForm); edited, it is searched as typed, and an asterisk left in it is
// called out (lib/search-text.ts 'masked'), since the masked number on its own finds no one.
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { SEARCH_ECHO_FIELD, searchTextProblem, type SearchTextProblem } from '@/lib/search-text';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'aria-describedby' | 'aria-invalid' | 'value' | 'defaultValue'> & {
  id: string;
  /** The id of the hint under the label, if there is one: the field stays described by it. */
  hintId?: string;
  /** The sentence for each problem, in the page's language. */
  messages: Readonly<Record<SearchTextProblem, string>>;
  /** The search route's answer, when the form was sent without this check (?idCheck=…). */
  problem?: SearchTextProblem;
  /** Classes of the wrapper around the field and its sentence (e.g. flex-1 in a row with the button). */
  wrapperClassName?: string;
  /** The search the page shows (its token from the URL, and OpenedSearch.shown): the field starts with `shown`. */
  current?: { token: string; shown: string } | null;
};

export function SearchTextField({ id, hintId, messages, problem: answered, wrapperClassName, current, ...input }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<SearchTextProblem | null>(answered ?? null);
  // A client navigation to the same page (a filter chip, "clear the search") hands in the URL's
  // answer again: it replaces what this field said last.
  const [lastAnswered, setLastAnswered] = useState(answered);
  if (lastAnswered !== answered) {
    setLastAnswered(answered);
    setProblem(answered ?? null);
  }

  useEffect(() => {
    const field = ref.current;
    const form = field?.form;
    if (!field || !form) return;
    const onSubmit = (event: SubmitEvent) => {
      const found = searchTextProblem(field.value, { echo: field.dataset.echo });
      setProblem(found);
      if (!found) return;
      event.preventDefault();
      field.focus();
    };
    form.addEventListener('submit', onSubmit);
    // Says that the check is armed (e2e waits for it: a tap before this goes to the route, which answers the same with an empty field).
    field.dataset.searchCheck = 'on';
    return () => {
      form.removeEventListener('submit', onSubmit);
      delete field.dataset.searchCheck;
    };
    // A new search shown is a new field (keyed below): the check moves to it.
  }, [current?.token]);

  const errorId = `${id}-error`;
  const describedBy = [hintId, problem ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={wrapperClassName}>
      {/* Keyed by the search: another search shown starts the field afresh with its echo. */}
      <input
        key={current?.token ?? ''}
        ref={ref}
        id={id}
        name="text"
        {...input}
        defaultValue={current?.shown ?? ''}
        data-echo={current?.shown}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
      />
      {current ? <input type="hidden" name={SEARCH_ECHO_FIELD} value={current.token} /> : null}
      {/* Always in the page, so that a screen reader announces the sentence when it appears. */}
      <div role="alert">
        {problem ? (
          <p id={errorId} className="mt-1 font-medium text-red-800">
            {messages[problem]}
          </p>
        ) : null}
      </div>
    </div>
  );
}
