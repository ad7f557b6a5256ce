import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Addresses that are public unicast by every registry, yet are cloud-provider internal services a
 * crawler must never reach on behalf of a feed (SSRF). The IANA registries cannot list them.
 */
const CLOUD_INTERNAL_V4: ReadonlyArray<readonly [string, number]> = [
  ['168.63.129.16', 32], // Azure wire server / platform DNS and metadata relay
];

/**
 * ipaddr.js range names (its copy of the IANA IPv4/IPv6 Special-Purpose Address Registries) whose
 * addresses are judged by the IPv4 address they embed instead of being refused outright: NAT64 with the
 * well-known prefix and 6to4 both carry a real, possibly public, IPv4 destination.
 */
const EMBEDDED_V4_RANGES = new Set(['ipv4Mapped', 'rfc6052', '6to4']);

const cloudInternal = CLOUD_INTERNAL_V4.map(([net, bits]) => [ipaddr.IPv4.parse(net), bits] as const);
/** 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 (also "rfc6052" in ipaddr.js) is local-use NAT64. */
const wellKnownNat64 = ipaddr.IPv6.parse('64:ff9b::');
/** Global unicast (RFC 4291 §2.4): the only IPv6 space allocated to the public internet today. */
const globalUnicast = ipaddr.IPv6.parse('2000::');

/**
 * True when `address` (an IP literal) must not be reached on behalf of a feed: everything the IANA
 * IPv4 and IPv6 Special-Purpose Address Registries list (loopback, private, CGNAT, link-local and the
 * 169.254.169.254 metadata service, benchmarking, documentation, AS112, AMT, ORCHID, Teredo, the
 * IETF 2001::/23 block, SRv6 SIDs, local-use NAT64 64:ff9b:1::/48, IPv4-translated ::ffff:0:0:0/96,
 * multicast, reserved 240/4, …), IPv6 outside global unicast 2000::/3 (reserved by the IETF, including the
 * deprecated IPv4-compatible ::a.b.c.d), and known cloud-internal endpoints (168.63.129.16).
 * IPv4-mapped `::ffff:a.b.c.d`, well-known NAT64 `64:ff9b::/96` and 6to4 `2002::/16` are judged by the
 * IPv4 address they embed. The ranges come from ipaddr.js (maintained, tracks the IANA registries).
 * Anything that is not an IP literal is refused too: the caller must resolve first.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = (address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address).split('%')[0] ?? '';
  const family = isIP(bare);
  if (family === 4) return isBlockedV4(ipaddr.IPv4.parse(bare));
  if (family !== 6) return true;
  const v6 = ipaddr.IPv6.parse(bare);
  const range = v6.range();
  if (EMBEDDED_V4_RANGES.has(range)) {
    // Local-use NAT64 (64:ff9b:1::/48) shares the "rfc6052" name but reaches a private translator.
    if (range === 'rfc6052' && !v6.match(wellKnownNat64, 96)) return true;
    return isBlockedV4(embeddedV4(v6, range));
  }
  if (range !== 'unicast') return true;
  return !v6.match(globalUnicast, 3);
}

function isBlockedV4(v4: ipaddr.IPv4): boolean {
  if (v4.range() !== 'unicast') return true;
  return cloudInternal.some(([net, bits]) => v4.match(net, bits));
}

function embeddedV4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 {
  const p = v6.parts;
  // 6to4 puts the IPv4 address right after the 2002: prefix; the others put it in the last 32 bits.
  const [hi, lo] = range === '6to4' ? [p[1]!, p[2]!] : [p[6]!, p[7]!];
  return new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
}
