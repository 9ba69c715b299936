'use server';
// Change one's own password. The only action an account with a pending one-time-password change
// may run (whilePasswordChangePending); the record is the actor's own account.
import { z } from 'zod';
import { anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { passwordSchema } from '@/lib/validators';
import { changePassword } from '@/server/accounts/change-password';

const input = z
  .object({
    currentPassword: z.string({ error: 'account.password.errors.currentRequired' }).refine((s) => s !== '', { error: 'account.password.errors.currentRequired' }),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: 'account.password.errors.mismatch' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { error: 'account.password.errors.mismatch', path: ['confirmPassword'] });

export const changePasswordAction = defineAction({
  name: 'account.password.change',
  capability: 'account:change_password',
  input,
  authorize: anyRecord,
  whilePasswordChangePending: true,
  run: async ({ db, user, input, ip }): Promise<ActionResult<null>> => {
    const r = await changePassword({ db, actor: user, currentPassword: input.currentPassword, newPassword: input.newPassword, ip });
    if (r.status === 'wrong_current') return { status: 'invalid', fieldErrors: { currentPassword: ['account.password.errors.wrongCurrent'] } };
    if (r.status === 'same_as_current') return { status: 'invalid', fieldErrors: { newPassword: ['account.password.errors.sameAsCurrent'] } };
    if (r.status === 'rate_limited') return { status: 'rate_limited', code: 'rate_limited:password' };
    return { status: 'ok', data: null };
  },
  // Every session of the account has just ended (this one too): sign in with the new password.
  redirect: (result) => (result.status === 'ok' ? '/sign-in?passwordChanged=1' : null),
});
