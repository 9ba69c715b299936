'use server';
// The official's stock actions (issue 10 item 5): open a distribution point, edit or close it,
// record a delivery, correct a level. Each is built with defineAction (session → role → input →
// the point loaded inside the official's places) and calls one use case in server/stock/, which
// locks the point again inside its transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionContext, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { MATERIALS } from '@/lib/domain';
import { formSchema, reasonSchema, serialIdSchema } from '@/lib/validators';
import { findStockPointInScope } from '@/db/queries/stock';
import { createStockPoint } from '@/server/stock/create-point';
import { updateStockPointDetails } from '@/server/stock/update-point';
import { receiveStock } from '@/server/stock/receive-stock';
import { correctStock } from '@/server/stock/correct-stock';

const text = (max: number, required: string, tooLong: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().min(1, required).max(max, tooLong));
const optionalText = (max: number, tooLong: string) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'validation.invalidType' }).trim().max(max, tooLong));
const pointId = serialIdSchema('validation.invalidType');
const placeId = serialIdSchema('countyStock.errors.place');
const material = z.enum(MATERIALS, { error: 'countyStock.errors.material' });
/** The most one delivery or correction moves: 999,999.999 t, so kilograms stay exact in the ledger's columns. */
const TONNES_LIMIT = 1_000_000;
/** Tonnes as typed (a comma or a full-width point read as a decimal point), at most 3 decimals (kilograms); a number too large says so. */
const tonnes = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/[，,。．]/g, '.') : v),
  z
    .string({ error: 'countyStock.errors.tonnes' })
    .regex(/^[+-]?\d{1,30}(\.\d{1,3})?$/, 'countyStock.errors.tonnes')
    .transform(Number)
    .refine((n) => Math.abs(n) < TONNES_LIMIT, 'countyStock.errors.tonnesTooLarge'),
);
const pointFields = {
  name: text(60, 'countyStock.errors.nameRequired', 'countyStock.errors.nameTooLong'),
  nameEn: text(100, 'countyStock.errors.nameEnRequired', 'countyStock.errors.nameTooLong'),
  placeId,
  address: optionalText(200, 'countyStock.errors.addressTooLong'),
};

/** The point named by the form, if it lies inside the official's places; otherwise not found. */
const pointInScope = async ({ db, user, input }: ActionContext<{ pointId: number }>) => allowFound(await findStockPointInScope({ db, actor: user, pointId: input.pointId }));

function refresh(id?: number) {
  revalidatePath('/county/stock');
  if (id) revalidatePath(`/county/stock/${id}`);
}

export const createStockPointAction = defineAction({
  name: 'stock.point.create',
  capability: 'stock:manage',
  input: formSchema(pointFields),
  // The place is checked against the official's places inside the use case, in its transaction.
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ pointId: number }>> => {
    try {
      const r = await createStockPoint({ db, actor: user, point: input, ip });
      refresh(r.pointId);
      return { status: 'ok', data: r };
    } catch (err) {
      if (err instanceof AppError && err.code === 'forbidden:place_outside_scope') return { status: 'invalid', fieldErrors: { placeId: ['countyStock.errors.placeOutsideScope'] } };
      throw err;
    }
  },
});

export const updateStockPointAction = defineAction({
  name: 'stock.point.update',
  capability: 'stock:manage',
  input: formSchema({ pointId, ...pointFields, active: z.enum(['1', '0'], { error: 'validation.invalidType' }) }),
  authorize: pointInScope,
  run: async ({ db, user, input, ip }): Promise<ActionResult<null>> => {
    try {
      await updateStockPointDetails({ db, actor: user, pointId: input.pointId, point: { name: input.name, nameEn: input.nameEn, placeId: input.placeId, address: input.address, active: input.active === '1' }, ip });
    } catch (err) {
      if (err instanceof AppError && err.code === 'forbidden:place_outside_scope') return { status: 'invalid', fieldErrors: { placeId: ['countyStock.errors.placeOutsideScope'] } };
      throw err;
    }
    refresh(input.pointId);
    return { status: 'ok', data: null };
  },
});

export const receiveStockAction = defineAction({
  name: 'stock.receive',
  capability: 'stock:manage',
  input: formSchema({
    pointId,
    material,
    tonnes: tonnes.refine((n) => n > 0, 'countyStock.errors.tonnesPositive'),
    deliveryNote: text(100, 'countyStock.errors.deliveryNoteRequired', 'countyStock.errors.deliveryNoteTooLong'),
  }),
  authorize: pointInScope,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ kg: number }>> => {
    const r = await receiveStock({ db, actor: user, pointId: input.pointId, material: input.material, tonnes: input.tonnes, deliveryNote: input.deliveryNote, ip });
    refresh(input.pointId);
    return { status: 'ok', data: r };
  },
});

export const correctStockAction = defineAction({
  name: 'stock.correct',
  capability: 'stock:manage',
  input: formSchema({
    pointId,
    material,
    tonnes: tonnes.refine((n) => n !== 0, 'countyStock.errors.tonnesNonZero'),
    reason: reasonSchema,
  }),
  authorize: pointInScope,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ kg: number }>> => {
    const r = await correctStock({ db, actor: user, pointId: input.pointId, material: input.material, tonnes: input.tonnes, reason: input.reason, ip });
    if (r.status === 'below_reserved') return { status: 'conflict', code: 'conflict:below_reserved' };
    refresh(input.pointId);
    return { status: 'ok', data: { kg: r.kg } };
  },
});
