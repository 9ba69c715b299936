// On a slow phone a person may tick a box before the page has come alive (hydrated): the browser
// shows the tick and React keeps it, but the component's state never heard of it, so a button
// that counts the selection still says 0 and stays disabled. Components whose tick boxes live in
// state take such ticks over once, when they come alive (components/place-picker.tsx does the
// same for its select).
import { useEffect, type RefObject } from 'react';

/** Once after hydration: the `value`s of the checked boxes matching `selector` inside `within`, handed to `adopt` (not called when there are none). */
export function useEarlyTicks(within: RefObject<HTMLElement | null>, selector: string, adopt: (values: string[]) => void) {
  useEffect(() => {
    const values = [...(within.current?.querySelectorAll<HTMLInputElement>(selector) ?? [])].filter((box) => box.checked).map((box) => box.value);
    if (values.length > 0) adopt(values);
    // Only the first render can have missed a tick; later ones go through onChange.
  }, []);
}
