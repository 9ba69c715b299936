// `npm run create-official -- --phone <mobile> --name <name> [--place <division code>]`: the first
// official of a deployment. Prints a one-time password once (only its hash is stored); at first
// sign-in the account must choose its own password before it can do anything else.
import { parseArgs } from 'node:util';
import { EnvError, env } from '../lib/env';
import { closeDb, getDb } from '../db/client';
import { createOfficial } from '../server/setup/create-official';

const REASONS: Record<string, string> = {
  phone: '--phone is not a mainland mobile number (11 digits)',
  name: '--name is empty or longer than 50 characters',
  place_unknown: 'no place has that --place division code: import the places first (npm run setup -- --places <file>)',
  no_places: 'there are no places yet: import them first (npm run setup -- --places <file>)',
  phone_taken: 'an account with this phone already exists',
};

async function main() {
  const { values } = parseArgs({ options: { phone: { type: 'string' }, name: { type: 'string' }, place: { type: 'string' } } });
  if (!values.phone || !values.name) {
    console.error('usage: npm run create-official -- --phone <mobile> --name <name> [--place <division code>]');
    process.exit(2);
  }
  try {
    env();
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(1);
  }
  const result = await createOfficial({ db: getDb(), phone: values.phone, name: values.name, placeCode: values.place });
  if (result.status !== 'ok') {
    console.error(`[create-official] not created: ${REASONS[result.reason]}`);
    process.exitCode = 1;
    return;
  }
  console.log(`[create-official] official created. One-time password (shown only now): ${result.password}`);
  console.log('[create-official] Sign in with the phone and this password; the portal then asks for a new password.');
}

main()
  .then(() => closeDb())
  .catch(async (err: unknown) => {
    console.error('[create-official] failed:', err instanceof Error ? err.message : err);
    await closeDb().catch(() => {});
    process.exit(1);
  });
