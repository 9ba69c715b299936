// Session and JWT fields added by lib/auth.ts (module augmentation, not casts).
import type { Role } from '@/lib/domain';

declare module 'next-auth' {
  interface User {
    id: string;
    role: Role;
    sessionVersion: number;
    placeIds: number[];
    placePaths: string[];
  }
  interface Session {
    user: {
      id: string;
      name: string;
      role: Role;
      sessionVersion: number;
      /** This session's own id, so signing out can end it alone. */
      sid?: string;
      authAt: number;
      seenAt: number;
    };
    expired?: boolean;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid: string;
    role: Role;
    sv: number;
    sid?: string;
    authAt: number;
    seenAt: number;
    expired?: boolean;
  }
}
