// Second half of `npm start` (after scripts/start.ts has validated, built and migrated): the
// production server. It is Next's own request handler (the same router `next start` uses)
// behind a plain Node HTTP server, for one reason: only here is the TCP socket in reach.
// `next start` puts the socket's address into X-Forwarded-For only when the client sent none,
// so a route could not tell a forged header from a real one (TRUST S6). Here every request gets
// the address derived from the socket and TRUSTED_PROXY_HOPS written into our own header,
// overwriting whatever the client sent; lib/client-address.ts reads only that header.
// Edit this when the production server needs another per-request concern that Next cannot see.
import http from 'node:http';
import { CLIENT_ADDRESS_HEADER, clientAddress, markAddressesFromServer } from '../lib/client-address';
import { EnvError, env } from '../lib/env';
import { MALFORMED_PATH_MESSAGE, malformedPath } from '../lib/request-target';

/** The database module is loaded only to close it: loading it up front would put a second copy
 * of the driver code beside the one inside Next's server bundle (about 100 MB more memory). */
async function closeDb(): Promise<void> {
  const { closeDb: close } = await import('../db/client');
  await close();
}

async function main() {
  // Like `next start`: React and Next pick their production builds from NODE_ENV, read when
  // `next` is first loaded, so it is set before the import below.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  let hops: number;
  try {
    hops = env().trustedProxyHops;
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(1);
  }
  const port = Number.parseInt(process.env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[serve] PORT must be a port number, not "${process.env.PORT}".`);
    process.exit(1);
  }

  markAddressesFromServer();
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), port, hostname: 'localhost' });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    if (malformedPath(req.url)) {
      // Next's router would answer a malformed percent-escape with a bare 500 (TRUST V1).
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(MALFORMED_PATH_MESSAGE);
      return;
    }
    const address = clientAddress({ socketAddress: req.socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'], hops });
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete req.headers[CLIENT_ADDRESS_HEADER];
    handle(req, res).catch((err: unknown) => {
      console.error('[serve] request failed:', err instanceof Error ? err.message : err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('Internal Server Error');
      } else res.destroy();
    });
  });

  // An idle keep-alive connection stays open 65 s instead of Node's 5 s. A client (a reverse
  // proxy, whose idle timeout is commonly 60 s, or a phone's browser) that sends on a connection
  // the server is closing at that moment gets a reset instead of an answer; the server must be
  // the side that waits longer. headersTimeout stays above it, as Node asks.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Stop taking connections, let running requests finish, then close Next and the database
    // (PGlite writes its folder on close). Exit as a signal-terminated process would.
    const code = 128 + (signal === 'SIGINT' ? 2 : 15);
    server.close(() => {
      void app
        .close()
        .catch((err: unknown) => console.error('[serve] closing Next:', err))
        .then(() => closeDb())
        .catch((err: unknown) => console.error('[serve] closing the database:', err))
        .finally(() => process.exit(code));
    });
    server.closeIdleConnections();
    // Keep-alive clients that never go idle must not hold the process forever.
    setTimeout(() => process.exit(code), 10_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  server.on('error', (err) => {
    console.error('[serve] could not start the server:', err.message);
    process.exit(1);
  });
  server.listen(port, () => {
    const proxies = hops === 0 ? 'clients connect directly (TRUSTED_PROXY_HOPS=0)' : `behind ${hops} trusted prox${hops === 1 ? 'y' : 'ies'}`;
    console.log(`[serve] ready on http://localhost:${port}; client addresses from the socket, ${proxies}`);
  });
}

main().catch(async (err: unknown) => {
  console.error('[serve] could not start:', err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});
