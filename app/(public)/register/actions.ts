'use server';
// Registration: the one action an anonymous visitor may take (definePublicAction). The same
// schemas as everywhere (lib/validators) check every field; the browser checks the ID number
// and phone with the same rules as the person types, but only this check counts.
import { z } from 'zod';
import { definePublicAction, type ActionResult, type FieldErrors } from '@/lib/actions';
import { formSchema, idNumberSchema, mobileSchema, passwordSchema, realNameSchema } from '@/lib/validators';
import { registerResident } from '@/server/registration/register-resident';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, localeOrDefault } from '@/lib/i18n/config';

/** Object-level checks run even when a field failed, so every error is reported at once (they must read the values defensively). */
const ALWAYS = { when: () => true };

const input = formSchema({
  realName: realNameSchema,
  idNumber: idNumberSchema,
  phone: mobileSchema,
  password: passwordSchema,
  passwordConfirm: z.string({ error: 'register.errors.passwordConfirm' }),
  consent: z.literal('on', { error: 'register.errors.consent' }),
}).superRefine((v, ctx) => {
  if (typeof v.passwordConfirm !== 'string') return;
  if (v.passwordConfirm === '') ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'register.errors.passwordConfirm' });
  else if (v.passwordConfirm !== v.password) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'register.errors.passwordMismatch' });
}, ALWAYS);

/**
 * The language the person is using, read as lib/i18n/request.ts reads it (the cookie, else
 * zh-CN). Not next-intl's getLocale: that needs Next's react-server build of next-intl, which
 * the integration tests that call this action directly do not load.
 */
async function requestLocale() {
  return localeOrDefault((await cookies()).get(LOCALE_COOKIE)?.value);
}

export const registerAction = definePublicAction({
  name: 'user.register',
  input,
  run: async ({ db, input, ip }): Promise<ActionResult<null>> => {
    const result = await registerResident({
      db,
      input: { realName: input.realName, idNumber: input.idNumber, phone: input.phone, password: input.password, locale: await requestLocale() },
      ip,
    });
    // Which limit refused is not said: that would tell whether a number is being tried elsewhere.
    if (result.status === 'rate_limited') return { status: 'rate_limited', code: 'rate_limited:registration' };
    if (result.status === 'taken') {
      const fieldErrors: FieldErrors = {};
      if (result.phone) fieldErrors.phone = ['register.errors.phoneTaken'];
      if (result.idNumber) fieldErrors.idNumber = ['register.errors.idTaken'];
      return { status: 'invalid', fieldErrors };
    }
    return { status: 'ok', data: null };
  },
});
