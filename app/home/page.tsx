// "My home": sends a signed-in person to their role's home page, anyone else to sign in.
import { redirect } from 'next/navigation';
import { getCurrentUser, passwordChangePending, PASSWORD_CHANGE_PATH } from '@/lib/session';
import { HOME_BY_ROLE } from '@/lib/permissions';

export default async function HomeRedirect() {
  const user = await getCurrentUser();
  redirect(user ? HOME_BY_ROLE[user.role] : (await passwordChangePending()) ? PASSWORD_CHANGE_PATH : '/sign-in');
}
