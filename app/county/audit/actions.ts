'use server';
// The chain check on /county/audit (server/audit/audit-search.ts checkAuditChain).
import { z } from 'zod';
import { anyRecord, defineAction } from '@/lib/actions';
import { checkAuditChain } from '@/server/audit/audit-search';

export const checkAuditChainAction = defineAction({
  name: 'audit.verify',
  capability: 'audit:read',
  input: z.object({}),
  authorize: anyRecord,
  run: async ({ db, user, ip }) => {
    const result = await checkAuditChain({ db, actor: user, ip });
    return { status: 'ok', data: result.intact ? { intact: true as const } : { intact: false as const, id: result.id, at: result.at.toISOString() } };
  },
});
