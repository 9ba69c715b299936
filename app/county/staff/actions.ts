'use server';
// Staff administration by officials (issue 10 item 2): create, import, assign and unassign a
// place, reset a password, deactivate and reactivate. Each loads the person scoped by the
// acting official's places (db/queries/staff-admin.ts) and calls one use case in server/staff/.
// An official's own account is refused here as well as in the use cases.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { formSchema, mobileSchema, realNameSchema, serialIdSchema, UUID_TEXT } from '@/lib/validators';
import { findStaffInScope, type StaffRow } from '@/db/queries/staff-admin';
import type { ActionContext } from '@/lib/actions';
import { createStaff } from '@/server/staff/create-staff';
import { assignStaffPlace, unassignStaffPlace } from '@/server/staff/change-staff-places';
import { resetStaffPassword } from '@/server/staff/reset-staff-password';
import { setStaffActive } from '@/server/staff/set-staff-active';
import { importStaff, IMPORT_MAX_BYTES } from '@/server/staff/import-staff';

const userId = z.string().regex(UUID_TEXT, { error: 'validation.invalidType' });
const placeId = serialIdSchema('staff.errors.place');
const placeIds = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(placeId).min(1, { error: 'staff.errors.placesRequired' }).max(50, { error: 'staff.errors.place' }),
);
const role = z.enum(['cadre', 'official'], { error: 'staff.errors.role' });

/** The person named by `userId`, inside the official's scope, and never the official themselves. */
async function reachablePerson({ db, user, input }: ActionContext<{ userId: string }>) {
  if (input.userId.toLowerCase() === user.id.toLowerCase()) return 'forbidden' as const;
  const person = await findStaffInScope({ db, actor: user, userId: input.userId });
  return person ? allow<StaffRow>(person) : ('not_found' as const);
}

const staffPath = (id: string) => `/county/staff/${id}`;

export const createStaffAction = defineAction({
  name: 'staff.create',
  capability: 'staff:manage',
  input: formSchema({ realName: realNameSchema, phone: mobileSchema, role, placeIds }),
  // The places are checked against the official's scope inside the use case, in its transaction.
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ userId: string; oneTimePassword: string }>> => {
    try {
      const created = await createStaff({ db, actor: user, person: { realName: input.realName, phone: input.phone, role: input.role, placeIds: input.placeIds }, ip });
      revalidatePath('/county/staff');
      return { status: 'ok', data: created };
    } catch (err) {
      // Problems with what was typed go next to the field, keeping the rest of the form.
      if (err instanceof AppError && err.code === 'duplicate:phone') return { status: 'invalid', fieldErrors: { phone: ['staff.errors.duplicatePhone'] } };
      if (err instanceof AppError && err.code === 'forbidden:place_outside_scope') return { status: 'invalid', fieldErrors: { placeIds: ['staff.errors.placeOutsideScope'] } };
      throw err;
    }
  },
});

export const assignStaffPlaceAction = defineAction({
  name: 'staff.place.assign',
  capability: 'staff:manage',
  input: formSchema({ userId, placeId }),
  authorize: reachablePerson,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ added: boolean }>> => {
    try {
      const r = await assignStaffPlace({ db, actor: user, userId: record.id, placeId: input.placeId, ip });
      revalidatePath(staffPath(record.id));
      return { status: 'ok', data: r };
    } catch (err) {
      if (err instanceof AppError && err.code === 'forbidden:place_outside_scope') return { status: 'invalid', fieldErrors: { placeId: ['staff.errors.placeOutsideScope'] } };
      throw err;
    }
  },
});

export const unassignStaffPlaceAction = defineAction({
  name: 'staff.place.unassign',
  capability: 'staff:manage',
  input: formSchema({ userId, placeId }),
  authorize: reachablePerson,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<null>> => {
    await unassignStaffPlace({ db, actor: user, userId: record.id, placeId: input.placeId, ip });
    revalidatePath(staffPath(record.id));
    return { status: 'ok', data: null };
  },
});

export const resetStaffPasswordAction = defineAction({
  name: 'staff.password.reset',
  capability: 'staff:manage',
  input: formSchema({ userId }),
  authorize: reachablePerson,
  run: async ({ db, user, ip, record }): Promise<ActionResult<{ oneTimePassword: string }>> => {
    const r = await resetStaffPassword({ db, actor: user, userId: record.id, ip });
    revalidatePath(staffPath(record.id));
    return { status: 'ok', data: r };
  },
});

export const setStaffActiveAction = defineAction({
  name: 'staff.set_active',
  capability: 'staff:manage',
  input: formSchema({ userId, active: z.enum(['true', 'false'], { error: 'validation.invalidType' }).transform((v) => v === 'true') }),
  authorize: reachablePerson,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ active: boolean }>> => {
    await setStaffActive({ db, actor: user, userId: record.id, active: input.active, ip });
    revalidatePath(staffPath(record.id));
    revalidatePath('/county/staff');
    return { status: 'ok', data: { active: input.active } };
  },
});

const xlsxFile = z
  .instanceof(File, { error: 'staff.import.fileRequired' })
  .refine((f) => f.size > 0, { error: 'staff.import.fileRequired' })
  .refine((f) => f.size <= IMPORT_MAX_BYTES, { error: 'staff.import.fileTooLarge' });

export type ImportOutcome = { created: number; passwordsXlsxBase64: string } | { rowErrors: { row: number; field: string; code: string }[] };

export const importStaffAction = defineAction({
  name: 'staff.import',
  capability: 'staff:manage',
  input: formSchema({ file: xlsxFile }),
  // Every row's places are checked against the official's scope inside the use case.
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<ImportOutcome>> => {
    const result = await importStaff({ db, actor: user, bytes: Buffer.from(await input.file.arrayBuffer()), ip });
    if ('rowErrors' in result) return { status: 'ok', data: { rowErrors: result.rowErrors } };
    revalidatePath('/county/staff');
    // The one-time passwords leave the server once, in this answer to the official who imported.
    return { status: 'ok', data: { created: result.created, passwordsXlsxBase64: result.passwordsXlsx.toString('base64') } };
  },
});
