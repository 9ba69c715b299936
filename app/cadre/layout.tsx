// Only the cadre role may enter /cadre: anonymous visitors are sent to sign in, other roles get the 403 page.
import { requireRole } from '@/lib/session';

export default async function Layout({ children }: { children: React.ReactNode }) {
  await requireRole('cadre', '/cadre');
  return <>{children}</>;
}
