'use server';
// The official's programme settings (issue 10 item 3): save a programme's settings, and one
// grievance category's time limits. Only county-wide officials (isCountyWide): checked here
// before anything is read, and again by the use cases in server/programmes/. Every problem with
// what was typed comes back at once, beside its field; the form keeps what was typed.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, defineAction, type ActionContext, type ActionResult, type FieldErrors } from '@/lib/actions';
import { GRIEVANCE_CATEGORIES, PROGRAMME_CODES } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { checkGrievanceLimits } from '@/lib/grievances';
import { isCountyWide } from '@/lib/permissions';
import { NOTICE_DAYS_MAX, parseSettings, SETTING_FIELDS } from '@/lib/programme-settings';
import { reasonSchema } from '@/lib/validators';
import { findGrievanceLimit, findProgrammeSettings } from '@/db/queries/programme-settings';
import { updateGrievanceLimit } from '@/server/programmes/update-grievance-limit';
import { updateProgramme } from '@/server/programmes/update-programme';

const version = z.coerce.number({ error: 'validation.invalidType' }).int({ error: 'validation.invalidType' }).min(1, { error: 'validation.invalidType' });
const typed = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).max(40, { error: 'validation.invalidType' }));

/** A whole number typed in a form, or null (blank, or anything else). */
function wholeNumber(raw: string): number | null {
  const s = raw.trim();
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

/** Only a county-wide official, and only a programme that exists. */
async function countyWideProgramme({ db, user, input }: ActionContext<{ code: (typeof PROGRAMME_CODES)[number] }>) {
  if (!isCountyWide(user)) return 'forbidden' as const;
  return allowFound(await findProgrammeSettings({ db, code: input.code }));
}

export const updateProgrammeAction = defineAction({
  name: 'programme.update',
  capability: 'programme:configure',
  // The params fields differ per programme (lib/programme-settings.ts): they pass through as typed and are checked in run.
  input: z.looseObject({
    code: z.enum(PROGRAMME_CODES, { error: 'validation.invalidType' }),
    version,
    noticeDays: typed,
    active: z.enum(['true', 'false'], { error: 'countyProgrammes.errors.active' }),
    reason: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' })),
  }),
  authorize: countyWideProgramme,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ version: number; published: number; noticeDays: number }>> => {
    const values = Object.fromEntries(SETTING_FIELDS[input.code].map((f) => [f.name, input[f.name]]));
    // Every problem at once: the params by the programme's own schema, the notice days, the reason.
    const fieldErrors: FieldErrors = {};
    const params = parseSettings(input.code, values);
    if (!params.ok) Object.assign(fieldErrors, params.fieldErrors);
    const noticeDays = wholeNumber(input.noticeDays);
    if (noticeDays === null || noticeDays > NOTICE_DAYS_MAX) fieldErrors.noticeDays = ['countyProgrammes.errors.noticeDays'];
    const reason = reasonSchema.safeParse(input.reason);
    if (!reason.success) fieldErrors.reason = [reason.error.issues[0]?.message ?? 'validation.reason.required'];
    if (Object.keys(fieldErrors).length > 0 || noticeDays === null || !reason.success) return { status: 'invalid', fieldErrors };
    try {
      const r = await updateProgramme({ db, actor: user, code: input.code, expectedVersion: input.version, change: { values, noticeDays, active: input.active === 'true', reason: reason.data }, ip });
      if (r.status === 'invalid') return r;
      revalidatePath('/county/programmes');
      revalidatePath(`/county/programmes/${input.code}`);
      // Cases that were waiting for a decision and went on public notice with this change: the official is told how many.
      if (r.published > 0) revalidatePath('/county/decisions');
      return { status: 'ok', data: { version: r.version, published: r.published, noticeDays } };
    } catch (err) {
      // Someone saved first: the page is read again (their version, the history), the form keeps what this official typed.
      if (err instanceof AppError && err.code === 'conflict:programme') revalidatePath(`/county/programmes/${input.code}`);
      throw err;
    }
  },
});

export const updateGrievanceLimitAction = defineAction({
  name: 'grievance_limit.update',
  capability: 'programme:configure',
  input: z.object({
    category: z.enum(GRIEVANCE_CATEGORIES, { error: 'validation.invalidType' }),
    version,
    respondDays: typed,
    resolveDays: typed,
  }),
  authorize: async ({ db, user, input }) => (isCountyWide(user) ? allowFound(await findGrievanceLimit({ db, category: input.category })) : 'forbidden'),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ version: number }>> => {
    const respondDays = wholeNumber(input.respondDays) ?? Number.NaN;
    const resolveDays = wholeNumber(input.resolveDays) ?? Number.NaN;
    const problems = checkGrievanceLimits({ respondDays, resolveDays });
    if (problems) return { status: 'invalid', fieldErrors: problems };
    try {
      const r = await updateGrievanceLimit({ db, actor: user, category: input.category, expectedVersion: input.version, respondDays, resolveDays, ip });
      if (r.status === 'invalid') return r;
      revalidatePath('/county/programmes');
      return { status: 'ok', data: { version: r.version } };
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict:grievance_limit') revalidatePath('/county/programmes');
      throw err;
    }
  },
});
