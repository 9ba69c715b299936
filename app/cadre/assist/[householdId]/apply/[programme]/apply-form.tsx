'use client';
// The shared application form (components/apply/apply-form.tsx) sent by a cadre on the
// household's behalf (代办): the household's id goes with every post, and the form speaks about
// the household ("这户") instead of to it.
import { ApplyForm, type ApplyFormProps } from '@/components/apply/apply-form';
import { assistSaveApplicationAction } from '../../../household-actions';

export function AssistApplyForm(props: Omit<ApplyFormProps, 'action' | 'links' | 'onBehalf'>) {
  const { householdId, code } = props;
  return (
    <ApplyForm
      {...props}
      action={(prev, fd) => {
        fd.set('householdId', householdId);
        return assistSaveApplicationAction(prev, fd);
      }}
      links={{ afterSave: (d) => `/cadre/cases/${d.id}`, here: `/cadre/assist/${householdId}/apply/${code}` }}
      onBehalf
    />
  );
}
