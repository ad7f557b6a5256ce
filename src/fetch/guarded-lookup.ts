import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { WiredeskError } from '../errors/index.js';

/**
 * Wraps a resolver so that the address a socket is about to connect to is checked against the
 * address policy. The check sits inside undici's `connect.lookup`, i.e. on the very address the
 * socket uses, so a host that resolves to a public address once and to 127.0.0.1 the next time
 * (DNS rebinding) cannot slip through. Blocked addresses are dropped from multi-address answers;
 * when none is left the connection fails with BLOCKED_ADDRESS.
 */
export function createGuardedLookup(base: LookupFunction | undefined, isBlocked: ((address: string) => boolean) | null): LookupFunction {
  const resolve = base ?? (dnsLookup as unknown as LookupFunction);
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error !== null && error !== undefined) return callback(error, address as string, family);
      if (isBlocked === null) return callback(null, address as string, family);
      if (Array.isArray(address)) {
        const allowed = (address as LookupAddress[]).filter((entry) => !isBlocked(entry.address));
        if (allowed.length === 0) return callback(blocked(hostname, address.map((a) => a.address)) as NodeJS.ErrnoException, '', 0);
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      }
      if (typeof address === 'string' && isBlocked(address)) return callback(blocked(hostname, [address]) as NodeJS.ErrnoException, '', 0);
      return callback(null, address as string, family);
    });
  };
}

/** What a BLOCKED_ADDRESS message tells the operator to do when the private address is intended. */
export const PRIVATE_HINT =
  'to crawl a source on a private network, set "allowPrivateNetwork": true on that source (it covers the source\'s own host) and list other private hosts it links to in its "privateHosts"';

function blocked(hostname: string, addresses: string[]): WiredeskError {
  return new WiredeskError('BLOCKED_ADDRESS', `fetch: ${hostname} resolves to a non-public address (${addresses.join(', ')}); ${PRIVATE_HINT}`, {
    details: { host: hostname, addresses },
  });
}

/**
 * For a request that goes through a proxy, which resolves the name itself: resolves `hostname` here and
 * refuses it (BLOCKED_ADDRESS) when any of its addresses is blocked, since we cannot choose which one
 * the proxy connects to. A name that does not resolve here is refused too (fail closed). Bounded by
 * `timeoutMs`. The proxy resolves again on its own, so a name that changes its answer between the two
 * lookups is not caught here; an operator who needs that guarantee resolves at the proxy.
 */
export async function assertPublicHost(base: LookupFunction | undefined, hostname: string, isBlocked: (address: string) => boolean, timeoutMs: number): Promise<void> {
  const resolve = base ?? (dnsLookup as unknown as LookupFunction);
  let timer: NodeJS.Timeout | undefined;
  const addresses = await Promise.race([
    new Promise<string[]>((done, fail) => {
      resolve(hostname, { all: true }, (error, address) => {
        if (error !== null && error !== undefined) return fail(error);
        done(Array.isArray(address) ? (address as LookupAddress[]).map((a) => a.address) : [address as string]);
      });
    }),
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(Object.assign(new Error(`DNS lookup of ${hostname} took over ${timeoutMs} ms`), { code: 'UND_ERR_CONNECT_TIMEOUT' })), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  const refused = addresses.filter(isBlocked);
  if (addresses.length === 0 || refused.length > 0) throw blocked(hostname, refused.length > 0 ? refused : addresses);
}
