// drizzle-kit settings: `npm run db:generate` writes SQL migrations from db/schema.ts.
// Migrations are applied at start-up by db/migrate.ts on either driver, not by drizzle-kit.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/unused' },
  strict: true,
});
