// The address of the client of a request (TRUST S6). Rate limits and audit rows key on it, so
// it must never be whatever a client writes into X-Forwarded-For. Edit this when the way the
// portal is deployed behind proxies changes.
//
// In production `npm start` runs scripts/serve.ts, a small Node server in front of Next's own
// request handler: for every request it derives the address from the socket (and, when
// TRUSTED_PROXY_HOPS says the portal sits behind that many proxies, from the right-hand end of
// X-Forwarded-For), writes it into CLIENT_ADDRESS_HEADER, overwriting anything the client sent,
// and marks the process so that clientIp() trusts only that header.
//
// Without that server (`next dev`, tests, a bare `next start`) the socket is out of reach:
// Next fills X-Forwarded-For with the socket address only when the request carries none
// (`??=` in next/dist/server/base-server.js), so a forged header cannot be told from a real
// one. There clientIp() falls back to the same rule applied to X-Forwarded-For alone, which is
// right only for clients that send no such header. Fine for development; not for a deployment.
import { isIP } from 'node:net';
import { env } from './env';

/** Set by scripts/serve.ts on every request; any value the client sent is overwritten. */
export const CLIENT_ADDRESS_HEADER = 'x-relief-client-address';

const SERVER_MARK = Symbol.for('relief.clientAddressFromServer');

/** Called once by scripts/serve.ts: from now on clientIp() reads only CLIENT_ADDRESS_HEADER. */
export function markAddressesFromServer(): void {
  (globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
}

function addressesFromServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}

/**
 * One address as written in a socket or a forwarding header, in a canonical form: IPv4-mapped
 * IPv6 (`::ffff:1.2.3.4`) becomes IPv4, `[v6]:port` and `v4:port` lose the port. Null for
 * anything that is not an IP address ("unknown", garbage, empty). Pure.
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const zone = a.indexOf('%');
  if (zone > 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return a.toLowerCase();
  return null;
}

/** The entries of X-Forwarded-For (one or several header lines), left to right, as written. */
function forwardedChain(forwardedFor: string | string[] | null | undefined): string[] {
  if (!forwardedFor) return [];
  const lines = Array.isArray(forwardedFor) ? forwardedFor : [forwardedFor];
  return lines.flatMap((l) => l.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The client's address, given what the socket says and how many proxies in front of the portal
 * are trusted. The chain is X-Forwarded-For with the socket's address appended; each trusted
 * proxy appended the address it saw, so with `hops` trusted proxies the client is the entry
 * `hops` places from the right. Everything further left was written by the client and is
 * ignored. With hops = 0 the answer is the socket's address whatever the headers say. When the
 * chain is shorter than `hops` (a request that did not pass every proxy) the left-most entry is
 * taken, as the proxies wrote all of it. Null when the chosen entry is not an address. Pure.
 */
export function clientAddress({ socketAddress, forwardedFor, hops }: { socketAddress: string | null | undefined; forwardedFor: string | string[] | null | undefined; hops: number }): string | null {
  const chain = [...forwardedChain(forwardedFor), socketAddress ?? ''];
  const index = Math.max(0, chain.length - 1 - Math.max(0, Math.floor(hops)));
  return normaliseAddress(chain[index]);
}

type HeaderSource = Record<string, string | string[] | undefined> | Headers | undefined;

function readHeader(headers: Exclude<HeaderSource, undefined>, name: string): string | string[] | null {
  if (headers instanceof Headers) return headers.get(name);
  return headers[name] ?? null;
}

/**
 * The address of the client of this request, for rate limits and audit rows. Under
 * scripts/serve.ts: the value it derived from the socket, nothing else. Elsewhere (dev, tests):
 * X-Forwarded-For as Next fills it, the right-most entry standing in for the socket.
 */
export function clientIp(headers: HeaderSource, hops?: number): string | null {
  if (!headers) return null;
  if (addressesFromServer()) {
    const set = readHeader(headers, CLIENT_ADDRESS_HEADER);
    return normaliseAddress(Array.isArray(set) ? set[0] : set);
  }
  const chain = forwardedChain(readHeader(headers, 'x-forwarded-for'));
  const last = chain.pop();
  return clientAddress({ socketAddress: last, forwardedFor: chain, hops: hops ?? env().trustedProxyHops });
}
