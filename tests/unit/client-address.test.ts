// The client's address (TRUST S6): from the socket, or from exactly as many X-Forwarded-For
// entries as there are trusted proxies, counted from the right; never from what a client
// writes further left. The per-request header that scripts/serve.ts sets is the only thing
// clientIp() reads once the server has marked the process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER, clientAddress, clientIp, markAddressesFromServer, normaliseAddress } from '@/lib/client-address';

const MARK = Symbol.for('relief.clientAddressFromServer');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[MARK];
});

describe('clientAddress: socket + X-Forwarded-For + trusted hops', () => {
  it.each([
    // [socket, X-Forwarded-For, hops, expected]
    ['127.0.0.1', undefined, 0, '127.0.0.1'],
    ['::ffff:127.0.0.1', undefined, 0, '127.0.0.1'],
    ['::1', undefined, 0, '::1'],
    // No trusted proxy: whatever the client forwards is ignored.
    ['192.0.2.10', '203.0.113.66', 0, '192.0.2.10'],
    ['192.0.2.10', '203.0.113.66, 198.51.100.1', 0, '192.0.2.10'],
    // One trusted proxy (its address is the socket): the entry it appended is the client.
    ['10.0.0.2', '203.0.113.5', 1, '203.0.113.5'],
    // ... and anything the client put in front of it is ignored.
    ['10.0.0.2', '6.6.6.6, 203.0.113.5', 1, '203.0.113.5'],
    ['10.0.0.2', ['6.6.6.6', '203.0.113.5'], 1, '203.0.113.5'],
    // Two trusted proxies: client, proxy 1, then the socket is proxy 2.
    ['10.0.0.3', '6.6.6.6, 203.0.113.5, 10.0.0.2', 2, '203.0.113.5'],
    // A request that passed fewer proxies than configured: the left-most entry.
    ['10.0.0.2', undefined, 1, '10.0.0.2'],
    ['10.0.0.3', '203.0.113.5', 2, '203.0.113.5'],
    // Ports and brackets as some proxies write them.
    ['10.0.0.2', '203.0.113.5:4711', 1, '203.0.113.5'],
    ['10.0.0.2', '[2001:DB8::1]:4711', 1, '2001:db8::1'],
    // Garbage where an address should be: no address, never the garbage.
    ['10.0.0.2', 'unknown', 1, null],
    ['10.0.0.2', '<script>', 1, null],
    [undefined, undefined, 0, null],
  ] as const)('socket %s, X-Forwarded-For %j, %i hops → %s', (socket, xff, hops, expected) => {
    expect(clientAddress({ socketAddress: socket, forwardedFor: xff as string | string[] | undefined, hops })).toBe(expected);
  });

  it('a forged X-Forwarded-For buys no new address: every forged value gives the same answer', () => {
    const seen = new Set<string | null>();
    for (let i = 0; i < 50; i++) {
      const forged = `198.51.100.${i}, 203.0.113.${i}`;
      seen.add(clientAddress({ socketAddress: '192.0.2.10', forwardedFor: forged, hops: 0 }));
      seen.add(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: `${forged}, 192.0.2.10`, hops: 1 }));
    }
    expect([...seen]).toEqual(['192.0.2.10']);
  });

  it('normalises addresses and refuses what is not one', () => {
    expect(normaliseAddress(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(normaliseAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('999.1.1.1')).toBeNull();
    expect(normaliseAddress('')).toBeNull();
    expect(normaliseAddress(null)).toBeNull();
  });
});

describe('clientIp: what route handlers and server actions see', () => {
  it('under the production server, reads only the header the server set from the socket', () => {
    markAddressesFromServer();
    expect(clientIp(new Headers({ [CLIENT_ADDRESS_HEADER]: '192.0.2.10', 'x-forwarded-for': '203.0.113.66', 'x-real-ip': '203.0.113.67' }))).toBe('192.0.2.10');
    expect(clientIp({ [CLIENT_ADDRESS_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '203.0.113.66' })).toBe('127.0.0.1');
    // No header set (the socket had no address): unknown, never the forwarded value.
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.66' }))).toBeNull();
  });

  it('without it (dev, tests), takes X-Forwarded-For as Next fills it, right-most entry as the socket', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '127.0.0.1' }), 0)).toBe('127.0.0.1');
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.5, 10.0.0.2' }), 0)).toBe('10.0.0.2');
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.5, 10.0.0.2' }), 1)).toBe('203.0.113.5');
    // Our own header means nothing here: only the production server may set it.
    expect(clientIp(new Headers({ [CLIENT_ADDRESS_HEADER]: '198.51.100.7', 'x-forwarded-for': '127.0.0.1' }), 0)).toBe('127.0.0.1');
    expect(clientIp({ 'x-real-ip': '10.0.0.9' }, 0)).toBeNull();
    expect(clientIp(undefined, 0)).toBeNull();
  });
});

describe('TRUSTED_PROXY_HOPS is validated with the rest of the environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hops-'));
  it('defaults to 0 (clients connect directly) and accepts a small whole number', () => {
    expect(readEnv({ DATA_DIR: dir }).trustedProxyHops).toBe(0);
    expect(readEnv({ DATA_DIR: dir, TRUSTED_PROXY_HOPS: '' }).trustedProxyHops).toBe(0);
    expect(readEnv({ DATA_DIR: dir, TRUSTED_PROXY_HOPS: '2' }).trustedProxyHops).toBe(2);
  });
  it.each(['-1', '1.5', 'one', '11', 'true'])('refuses %j with a sentence naming the setting', (value) => {
    expect(() => readEnv({ DATA_DIR: dir, TRUSTED_PROXY_HOPS: value })).toThrow(/TRUSTED_PROXY_HOPS must be/);
  });
});
