'use client';
// The send button of a form that only its script can send (its onSubmit handler): disabled until
// the page is alive, so a tap before hydration sends nothing and clears nothing (components/early-input.ts).
//
// Its own component on purpose. Coming alive re-renders whatever reads useAlive. If that were
// the form, an early choice in a field can make React hydrate at once, and the re-render that
// follows within the same event can write the form's state back into its controlled fields (a
// select chosen before hydration snapped back to "choose" once) before early input is adopted.
// Here only the button re-renders (docs/decisions/0011-early-input.md).
import type { ButtonHTMLAttributes } from 'react';
import { useAlive } from './early-input';

export function SubmitWhenAlive({ disabled, ...rest }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>) {
  const alive = useAlive();
  return <button type="submit" {...rest} disabled={Boolean(disabled) || !alive} />;
}
