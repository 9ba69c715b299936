// On a cheap phone a page is on screen, and can be typed into, seconds before React has made it
// alive (hydration). React leaves what the browser shows at hydration alone, but the component's
// state never heard of it: the next render writes the state back (the typed name vanishes when
// the person types in the next field, a ticked radio comes undone) and a button that counts the
// ticks says 0. So a form takes such early input over once, when it comes alive: each field
// that differs from what the server rendered is replayed as the event React listens to for it,
// and the field's own onChange takes the value in, exactly as if it had been typed later.
//
// React decides whether a text field "changed" by comparing it with the value it last saw (its
// value tracker, which watches assignments to the element's `value`). Putting the rendered value
// back through the element and the typed one past it (the prototype's setter) makes the replayed
// input event read as a change; tick boxes and radios are the same with `checked` and a click.
import { useEffect, useSyncExternalStore, type RefObject } from 'react';

/**
 * A ref callback for a `<form>` (or any element holding fields) whose fields live in React state:
 * `<form ref={earlyInput}>`. Module-level, so React calls it once when the form mounts.
 */
export function earlyInput(within: HTMLElement | null): void {
  // After the commit that attached the ref: the fields' onChange handlers are in place by then.
  if (within) queueMicrotask(() => adoptEarlyInput(within));
}

/** Fields already looked at: a field is replayed once even if its form mounts twice (React's development StrictMode) or sits inside two adopting elements, or a second click would untick it again. */
const seen = new WeakSet<Element>();

/**
 * Replays every field inside `within` that differs from what the server rendered (see above).
 * All of them are read first: each replay re-renders the form, and that render writes the state
 * back into the fields not replayed yet.
 */
export function adoptEarlyInput(within: HTMLElement): void {
  const early: (() => void)[] = [];
  for (const field of within.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    if (seen.has(field) || field.disabled) continue;
    seen.add(field);
    if (field instanceof HTMLSelectElement) {
      // The server marks its choice with the `selected` attribute (defaultSelected). A select that
      // React created in the browser (a form opened by client-side navigation) has none: its
      // choice is React's own, and replaying it would run onChange handlers that reset others.
      const options = [...field.options];
      const picked = options.map((o) => o.selected);
      if (!options.some((o) => o.defaultSelected) || options.every((o, i) => picked[i] === o.defaultSelected)) continue;
      early.push(() => {
        options.forEach((o, i) => (o.selected = picked[i] ?? false));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
    } else if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
      const now = field.checked;
      // A radio only counts when it was picked: the group's others were unticked by the browser.
      if (field.type === 'checkbox' ? now === field.defaultChecked : !now || field.defaultChecked) continue;
      early.push(() => {
        field.checked = !now;
        field.click(); // back to `now`, as a click React hears
      });
    } else if (!(field instanceof HTMLInputElement && NOT_TYPED.has(field.type)) && field.value !== field.defaultValue) {
      const typed = field.value;
      const rendered = field.defaultValue;
      early.push(() => {
        field.value = rendered;
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set?.call(field, typed);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
  }
  for (const replay of early) replay();
}

/** Input types that hold no typed text (a file input's value cannot be set back at all). */
const NOT_TYPED = new Set(['hidden', 'file', 'submit', 'button', 'reset', 'image']);

/** The same for a component that already holds a ref to the element around its fields. */
export function useEarlyInput(within: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (within.current) adoptEarlyInput(within.current);
    // Only the first render can have missed input; later input goes through onChange.
  }, []);
}

const noSubscription = () => () => {};

/**
 * False in the server's HTML and while React hydrates the component, true from then on (and at
 * once for a component the browser renders anew). For the submit button of a form that only
 * works once the page is alive (sent by its onSubmit handler): disabled until then, a tap does
 * nothing and what was typed stays, where a native submission would reload the page empty.
 */
export function useAlive(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
