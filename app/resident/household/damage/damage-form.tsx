'use client';
// The shared damage form (components/household/damage-form.tsx) with the resident's own action.
import { DamageForm as SharedDamageForm, type DamageFormProps } from '@/components/household/damage-form';
import { declareDamageAction } from '../actions';

export function DamageForm(props: Omit<DamageFormProps, 'action' | 'savedHref' | 'backHref'>) {
  return <SharedDamageForm {...props} action={declareDamageAction} savedHref="/resident/household?saved=damage" backHref="/resident/household" />;
}
