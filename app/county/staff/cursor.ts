import 'server-only';
// The list's keyset cursor holds a staff member's name, so it travels sealed like the search.
import { z } from 'zod';
import { openPii, sealPii } from '@/lib/protect';
import { UUID_TEXT } from '@/lib/validators';

const cursor = z.object({ name: z.string().max(60), id: z.string().regex(UUID_TEXT) });

export function sealCursor(c: { name: string; id: string }): string {
  return sealPii(JSON.stringify(c));
}

export function openCursor(token: string | undefined): { name: string; id: string } | null {
  if (!token) return null;
  try {
    const parsed = cursor.safeParse(JSON.parse(openPii(token)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
