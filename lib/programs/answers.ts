// The application form's answers, shared by the browser (checks before the review step) and
// the server action (the real check): which posted keys are answers, how a draft is checked
// more leniently than a submission, and which message key explains each problem. Pure.
import type { z } from 'zod';
import type { HouseholdFacts, ProgrammeCode } from '@/lib/domain';
import { PROGRAMMES, answersSchema, type ApplicationAnswers, type ApplicationField, type UnitRequest } from '@/lib/programs';
import { buildAnswersSchema } from '@/lib/programs/fields';

/** Form inputs of answers are named `answer.<field>` so they never collide with the form's own inputs. */
export const ANSWER_PREFIX = 'answer.';
export const answerInputName = (field: string) => `${ANSWER_PREFIX}${field}`;

/** The answers in a posted object: `{ 'answer.note': 'x' }` → `{ note: 'x' }`, only the programme's own fields. */
export function pickAnswers(code: ProgrammeCode, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of PROGRAMMES[code].applicationFields) {
    const v = raw[answerInputName(f.name)];
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function keyFor(field: ApplicationField | undefined, issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'custom') return issue.message.startsWith('apply.') ? issue.message : 'validation.invalidType';
  if (!field) return 'validation.invalidType';
  if (field.type === 'boolean') return 'apply.validation.mustTick';
  if (blank(value)) return field.type === 'upload' ? 'apply.validation.uploadRequired' : 'apply.validation.required';
  switch (field.type) {
    case 'int':
      if (issue.code === 'too_small') return 'apply.validation.min';
      if (issue.code === 'too_big') return 'apply.validation.max';
      return 'apply.validation.wholeNumber';
    case 'text':
      return issue.code === 'too_big' ? 'apply.validation.tooLong' : 'validation.invalidType';
    case 'upload':
      return 'apply.validation.upload';
  }
}

/** Field errors as message keys, keyed by field name (`_form` for anything not tied to a field). */
export function answerErrors(code: ProgrammeCode, error: z.ZodError, values: Record<string, unknown>): Record<string, string[]> {
  const fields = PROGRAMMES[code].applicationFields;
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const name = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    const field = fields.find((f) => f.name === name);
    const key = keyFor(field, issue, values[name]);
    const list = (out[field ? name : '_form'] ??= []);
    if (!list.includes(key)) list.push(key);
  }
  return out;
}

/**
 * Checks answers. A submission must be complete (`answersSchema`, unit counts capped by the
 * household's damage less the units `held` by the other appliance programme or already
 * repaired); a draft may leave required fields empty, but what it does hold must be valid, so
 * a saved draft never holds nonsense.
 */
export function parseAnswers(
  code: ProgrammeCode,
  values: Record<string, unknown>,
  facts: HouseholdFacts,
  mode: 'draft' | 'submit',
  held?: UnitRequest['heldElsewhere'],
): { ok: true; answers: ApplicationAnswers } | { ok: false; fieldErrors: Record<string, string[]> } {
  const schema =
    mode === 'submit' ? answersSchema(code, facts, held) : buildAnswersSchema(PROGRAMMES[code].applicationFields.map((f) => ({ ...f, required: false })), facts, held);
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    // Drop the empty optional answers: what is stored is what was given.
    const answers = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as ApplicationAnswers;
    return { ok: true, answers };
  }
  return { ok: false, fieldErrors: answerErrors(code, parsed.error, values) };
}

/** Answers as the form's inputs hold them (strings and ticks), from stored answers. */
export function formValues(code: ProgrammeCode, answers: unknown): Record<string, string | boolean> {
  const stored = answers && typeof answers === 'object' ? (answers as Record<string, unknown>) : {};
  const out: Record<string, string | boolean> = {};
  for (const f of PROGRAMMES[code].applicationFields) {
    const v = stored[f.name];
    if (f.type === 'boolean') out[f.name] = v === true;
    else out[f.name] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/** Upload ids among the answers, to check they belong to the household. */
export function uploadIdsIn(code: ProgrammeCode, answers: ApplicationAnswers): string[] {
  return PROGRAMMES[code].applicationFields.filter((f) => f.type === 'upload').flatMap((f) => (typeof answers[f.name] === 'string' ? [answers[f.name] as string] : []));
}
