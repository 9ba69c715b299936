'use client';
// The shared grievance form (components/grievances/file-form.tsx) with the resident's own action.
import { FileGrievanceForm as SharedForm, type FileGrievanceFormProps } from '@/components/grievances/file-form';
import { fileGrievanceFormAction } from './actions';

export function FileGrievanceForm(props: Omit<FileGrievanceFormProps, 'action' | 'householdId'>) {
  return <SharedForm {...props} action={fileGrievanceFormAction} />;
}
