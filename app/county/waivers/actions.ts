'use server';
// The county's fee-waiver lists (issue 10 item 7): companies and the places they serve, making a
// list for one company, recording the company's confirmation, cancelling a list. Companies and
// lists belong to the whole county: `authorize` refuses an official who is not county-wide
// (lib/permissions.ts isCountyWide) and loads the record; each action calls one use case in
// server/waivers/, which checks the same rule again in its transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { isCountyWide } from '@/lib/permissions';
import { formSchema, serialIdSchema } from '@/lib/validators';
import { recordIdSchema } from '@/lib/state-machine';
import { cstDate, fromCstDate } from '@/lib/time';
import { findCompany, findWaiverList } from '@/db/queries/waivers';
import { assignCompanyPlace, createCompany, unassignCompanyPlace } from '@/server/waivers/manage-companies';
import { makeWaiverList } from '@/server/waivers/make-waiver-list';
import { cancelWaiverList, confirmWaiverList } from '@/server/waivers/close-waiver-list';

const id = z.coerce.number({ error: 'validation.invalidType' }).int({ error: 'validation.invalidType' }).positive({ error: 'validation.invalidType' });
const placeId = serialIdSchema('countyWaivers.errors.place');
const version = z.coerce.number({ error: 'validation.invalidType' }).int({ error: 'validation.invalidType' }).min(1, { error: 'validation.invalidType' });
const text = (max: number, error: string) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error }).trim().max(max, { error }));

async function countyWideCompany({ db, user, input }: ActionContext<{ companyId: number }>) {
  if (!isCountyWide(user)) return 'forbidden' as const;
  return allowFound(await findCompany({ db, id: input.companyId }));
}

async function countyWideList({ db, user, input }: ActionContext<{ listId: string }>) {
  if (!isCountyWide(user)) return 'forbidden' as const;
  return allowFound(await findWaiverList({ db, id: input.listId }));
}

const COMPANIES = '/county/waivers/companies';

export const createCompanyAction = defineAction({
  name: 'waiver.company.create',
  capability: 'waiver:manage',
  input: formSchema({
    kind: z.enum(['heating', 'property'], { error: 'countyWaivers.errors.kind' }),
    name: text(100, 'countyWaivers.errors.name').pipe(z.string().min(1, { error: 'countyWaivers.errors.name' })),
    nameEn: text(100, 'countyWaivers.errors.nameEn'),
    contact: text(100, 'countyWaivers.errors.contact'),
  }),
  authorize: async ({ user }) => (isCountyWide(user) ? { allow: null } : 'forbidden'),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ companyId: number; name: string }>> => {
    try {
      const r = await createCompany({ db, actor: user, company: input, ip });
      revalidatePath(COMPANIES);
      return { status: 'ok', data: { companyId: r.companyId, name: input.name } };
    } catch (err) {
      if (err instanceof AppError && err.code === 'duplicate:company') return { status: 'invalid', fieldErrors: { name: ['countyWaivers.errors.duplicateName'] } };
      throw err;
    }
  },
});

export const assignCompanyPlaceAction = defineAction({
  name: 'waiver.company.assign',
  capability: 'waiver:manage',
  input: formSchema({ companyId: serialIdSchema('countyWaivers.errors.company'), placeId }),
  authorize: countyWideCompany,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<null>> => {
    try {
      await assignCompanyPlace({ db, actor: user, companyId: record.id, placeId: input.placeId, ip });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found:place') return { status: 'invalid', fieldErrors: { placeId: ['countyWaivers.errors.place'] } };
      throw err;
    }
    revalidatePath(COMPANIES);
    return { status: 'ok', data: null };
  },
});

export const unassignCompanyPlaceAction = defineAction({
  name: 'waiver.company.unassign',
  capability: 'waiver:manage',
  input: formSchema({ companyId: id, placeId }),
  authorize: countyWideCompany,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<null>> => {
    await unassignCompanyPlace({ db, actor: user, companyId: record.id, placeId: input.placeId, ip });
    revalidatePath(COMPANIES);
    return { status: 'ok', data: null };
  },
});

export const makeWaiverListAction = defineAction({
  name: 'waiver.list.make',
  capability: 'waiver:manage',
  input: formSchema({ companyId: id, programme: z.enum(['heating_fee_waiver', 'property_fee_waiver'], { error: 'validation.invalidType' }) }),
  authorize: countyWideCompany,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ listId: string; reference: string; itemCount: number }>> => {
    const made = await makeWaiverList({ db, actor: user, programme: input.programme, companyId: record.id, ip });
    revalidatePath('/county/waivers');
    return { status: 'ok', data: made };
  },
});

/** A calendar day (China time) no later than today: the day the company confirmed. */
const confirmedOn = z
  .string({ error: 'countyWaivers.errors.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'countyWaivers.errors.date' })
  .refine((d) => !Number.isNaN(fromCstDate(d).getTime()) && d <= cstDate(new Date()), { error: 'countyWaivers.errors.date' })
  .transform((d) => fromCstDate(d));

export const confirmWaiverListAction = defineAction({
  name: 'waiver.list.confirm',
  capability: 'waiver:manage',
  input: formSchema({ listId: recordIdSchema, version, confirmedOn, note: text(500, 'countyWaivers.errors.note') }),
  authorize: countyWideList,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ fulfilled: number; skipped: number }>> => {
    const r = await confirmWaiverList({ db, actor: user, listId: record.id, expectedVersion: input.version, confirmedOn: input.confirmedOn, note: input.note, ip });
    revalidatePath(`/county/waivers/${record.id}`);
    revalidatePath('/county/waivers');
    return { status: 'ok', data: { fulfilled: r.fulfilled, skipped: r.skipped } };
  },
});

export const cancelWaiverListAction = defineAction({
  name: 'waiver.list.cancel',
  capability: 'waiver:manage',
  input: formSchema({ listId: recordIdSchema, version }),
  authorize: countyWideList,
  run: async ({ db, user, input, ip, record }): Promise<ActionResult<{ released: number }>> => {
    const r = await cancelWaiverList({ db, actor: user, listId: record.id, expectedVersion: input.version, ip });
    revalidatePath(`/county/waivers/${record.id}`);
    revalidatePath('/county/waivers');
    return { status: 'ok', data: { released: r.released } };
  },
});
