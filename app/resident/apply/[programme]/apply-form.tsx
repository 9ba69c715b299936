'use client';
// The shared application form (components/apply/apply-form.tsx) with the resident's own save
// action and where it leads; a cadre applying on a household's behalf uses it with theirs.
import { ApplyForm as SharedApplyForm, type ApplyFormProps } from '@/components/apply/apply-form';
import { saveApplicationAction } from './actions';

export function ApplyForm(props: Omit<ApplyFormProps, 'action' | 'links'>) {
  const { code } = props;
  return (
    <SharedApplyForm
      {...props}
      action={saveApplicationAction}
      links={{ afterSave: (d) => (d.intent === 'submit' ? `/resident/apply/${code}/done` : `/resident/applications/${d.id}`), here: `/resident/apply/${code}` }}
    />
  );
}
