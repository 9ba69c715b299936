// Runs once when a server starts: validate the environment so a missing secret stops the
// start with a clear sentence instead of failing on the first request, and say in one line
// when the server runs in demo mode.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env } = await import('./lib/env');
    try {
      if (env().demo) {
        console.warn(
          '[demo] DEMO MODE: made-up data and demo accounts with a published password; every page says so. ' +
            'For a real deployment set DATABASE_URL (and leave DEMO_MODE unset).',
        );
      }
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    }
  }
}
