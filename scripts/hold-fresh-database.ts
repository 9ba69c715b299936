// Holds an EMPTY database for a test that walks the production set-up from nothing
// (e2e/first-start-postgres.spec.ts). Run under scripts/with-postgres.ts, which gives
// TEST_DATABASE_URL (its throwaway server, or the one already named): creates a database of
// its own there, prints `DATABASE <url>` on one line, and when its standard input closes drops
// that database and exits — after which with-postgres stops a throwaway server and deletes it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const server = process.env.TEST_DATABASE_URL;
if (!server) {
  console.error('hold-fresh-database: no TEST_DATABASE_URL (run me under scripts/with-postgres.ts)');
  process.exit(2);
}
const name = `relief_first_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
process.stdout.write(`DATABASE ${url.toString()}\n`);

let done = false;
async function finish() {
  if (done) return;
  done = true;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
    process.exit(0);
  }
}
process.stdin.resume();
process.stdin.on('end', () => void finish());
process.stdin.on('close', () => void finish());
