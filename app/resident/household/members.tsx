'use client';
// The shared member list and form (components/household/members.tsx) with the resident's own actions.
import { Members as SharedMembers, type MemberView } from '@/components/household/members';
import { addMemberAction, removeMemberAction } from './actions';

export type { MemberView };

export function Members(props: { members: MemberView[]; relations: string[] }) {
  return <SharedMembers {...props} actions={{ add: addMemberAction, remove: removeMemberAction }} />;
}
