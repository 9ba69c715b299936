// next-auth's route (sign-in, sign-out, session, csrf). Options are built on first request.
import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
