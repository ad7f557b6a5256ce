import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/fetch/index.js';

/**
 * One address inside every entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (iana-ipv4-special-registry, iana-ipv6-special-registry), each entry named as the registry names it,
 * plus the other ranges a crawler must not reach. Addresses are chosen away from the range's first
 * address so a prefix-length mistake shows.
 */
const SPECIAL_PURPOSE: Array<[range: string, name: string, sample: string]> = [
  ['0.0.0.0/8', '"This network"', '0.12.34.56'],
  ['0.0.0.0/32', '"This host on this network"', '0.0.0.0'],
  ['10.0.0.0/8', 'Private-Use', '10.200.3.4'],
  ['100.64.0.0/10', 'Shared Address Space (CGNAT; includes 100.100.100.200, a cloud metadata service)', '100.100.100.200'],
  ['127.0.0.0/8', 'Loopback', '127.250.0.9'],
  ['169.254.0.0/16', 'Link Local (169.254.169.254 metadata)', '169.254.169.254'],
  ['172.16.0.0/12', 'Private-Use', '172.31.255.254'],
  ['192.0.0.0/24', 'IETF Protocol Assignments (192.0.0.192: a cloud metadata service)', '192.0.0.192'],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix', '192.0.0.5'],
  ['192.0.0.8/32', 'IPv4 dummy address', '192.0.0.8'],
  ['192.0.0.9/32', 'Port Control Protocol Anycast', '192.0.0.9'],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', '192.0.0.10'],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery', '192.0.0.170'],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery', '192.0.0.171'],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)', '192.0.2.77'],
  ['192.31.196.0/24', 'AS112-v4', '192.31.196.1'],
  ['192.52.193.0/24', 'AMT', '192.52.193.9'],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', '192.88.99.1'],
  ['192.168.0.0/16', 'Private-Use', '192.168.77.1'],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service', '192.175.48.42'],
  ['198.18.0.0/15', 'Benchmarking', '198.19.254.1'],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)', '198.51.100.200'],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)', '203.0.113.5'],
  ['224.0.0.0/4', 'Multicast', '239.255.255.250'],
  ['240.0.0.0/4', 'Reserved', '250.1.2.3'],
  ['255.255.255.255/32', 'Limited Broadcast', '255.255.255.255'],
  ['::1/128', 'Loopback Address', '::1'],
  ['::/128', 'Unspecified Address', '::'],
  ['::ffff:0:0/96', 'IPv4-mapped Address (of loopback)', '::ffff:127.0.0.1'],
  ['::ffff:0:0/96', 'IPv4-mapped Address (of metadata, hex form)', '::ffff:a9fe:a9fe'],
  ['::ffff:0:0:0/96', 'IPv4-translated (SIIT, RFC 7915)', '::ffff:0:7f00:1'],
  ['::ffff:0:0:0/96', 'IPv4-translated of a public address', '::ffff:0:808:808'],
  ['::/96', 'IPv4-compatible (deprecated, RFC 4291)', '::7f00:1'],
  ['64:ff9b::/96', 'IPv4-IPv6 Translat. (well-known NAT64) of a private address', '64:ff9b::a00:1'],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat. (local-use NAT64)', '64:ff9b:1::808:808'],
  ['100::/64', 'Discard-Only Address Block', '100::dead:beef'],
  ['100:0:0:1::/64', 'Dummy IPv6 Prefix', '100:0:0:1::5'],
  ['2001::/23', 'IETF Protocol Assignments', '2001:1ff::1'],
  ['2001::/32', 'TEREDO', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['2001:1::1/128', 'Port Control Protocol Anycast', '2001:1::1'],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', '2001:1::2'],
  ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', '2001:1::3'],
  ['2001:2::/48', 'Benchmarking', '2001:2:0:ffff::1'],
  ['2001:3::/32', 'AMT', '2001:3:ab::1'],
  ['2001:4:112::/48', 'AS112-v6', '2001:4:112::53'],
  ['2001:10::/28', 'Deprecated (previously ORCHID)', '2001:1f::1'],
  ['2001:20::/28', 'ORCHIDv2', '2001:2f::1'],
  ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', '2001:3f::1'],
  ['2001:db8::/32', 'Documentation', '2001:db8:85a3::8a2e:370:7334'],
  ['2002::/16', '6to4 of a private address', '2002:c0a8:101::1'],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', '2620:4f:8000::53'],
  ['3fff::/20', 'Documentation', '3fff:fff::1'],
  ['5f00::/16', 'Segment Routing (SRv6) SIDs', '5f00:1234::1'],
  ['fc00::/7', 'Unique-Local (fd00:ec2::254: a cloud metadata service)', 'fd00:ec2::254'],
  ['fe80::/10', 'Link-Local Unicast (with a zone id)', 'fe80::1%eth0'],
  ['fec0::/10', 'Site-local (deprecated)', 'fec0::1'],
  ['ff00::/8', 'Multicast', 'ff02::1'],
  ['4000::/3', 'outside global unicast 2000::/3 (reserved by the IETF)', '4000::1'],
  ['168.63.129.16/32', 'cloud wire server (public by registry, internal in fact)', '168.63.129.16'],
  ['::ffff:168.63.129.16', 'cloud wire server, IPv4-mapped', '::ffff:a83f:8110'],
];

describe('isPrivateAddress', () => {
  it.each(SPECIAL_PURPOSE)('refuses %s (%s): %s', (_range, _name, sample) => {
    expect(isPrivateAddress(sample)).toBe(true);
  });

  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.127.255.254', '::ffff:7f00:1',
    '::ffff:169.254.169.254', '[::1]', '[::ffff:127.0.0.1]',
  ])('refuses %s (spellings kept from the first policy)', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '168.63.129.17', '192.0.1.1', '2606:4700::1111',
    '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2001:200::1',
  ])('allows public %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses anything that is not an IP literal', () => {
    expect(isPrivateAddress('localhost')).toBe(true);
    expect(isPrivateAddress('')).toBe(true);
    expect(isPrivateAddress('0177.0.0.1')).toBe(true);
  });
});

describe('isPrivateAddress on every spelling of one address', () => {
  /** Prefixes a hostile link would hide an address behind: mapped, translated, NAT64, 6to4, Teredo, and plain. */
  const PREFIXES: Array<(v4: number[]) => number[]> = [
    (v4) => [0, 0, 0, 0, 0, 0xffff, (v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!],
    (v4) => [0, 0, 0, 0, 0xffff, 0, (v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!],
    (v4) => [0x64, 0xff9b, 0, 0, 0, 0, (v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!],
    (v4) => [0x2002, (v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!, 0, 0, 0, 0, 1],
  ];
  const spellings = (words: number[], random: () => number): string[] => {
    const hex = words.map((w) => w.toString(16));
    const full = hex.join(':');
    const padded = words.map((w) => w.toString(16).padStart(4, '0')).join(':');
    const dotted = `${hex.slice(0, 6).join(':')}:${words[6]! >> 8}.${words[6]! & 255}.${words[7]! >> 8}.${words[7]! & 255}`;
    // Compress the longest run of zero words, as a URL parser would print it.
    const compressed = full.replace(/(^|:)0(:0)+(:|$)/, '::');
    const out = [full, padded.toUpperCase(), dotted, compressed, `[${compressed}]`, `${compressed}%eth${Math.floor(random() * 9)}`];
    return out.filter((s) => s !== '');
  };

  it('gives one answer for all spellings, never throws, and refuses the private IPv4 behind any prefix', async () => {
    const { seededRandom } = await import('../support/seeded-random.js');
    const random = seededRandom(18);
    for (let i = 0; i < 400; i++) {
      const v4 = Array.from({ length: 4 }, () => Math.floor(random() * 256));
      if (i % 4 === 0) v4[0] = [10, 127, 169, 192, 100, 0][Math.floor(random() * 6)]!;
      const v4Blocked = isPrivateAddress(v4.join('.'));
      for (const [k, prefix] of PREFIXES.entries()) {
        const answers = new Set(spellings(prefix(v4), random).map((s) => isPrivateAddress(s)));
        expect(answers.size).toBe(1);
        const blocked = [...answers][0];
        // IPv4-translated (k = 1) is refused whatever it carries; the others follow the IPv4 address.
        if (k === 1 || v4Blocked) expect(blocked).toBe(true);
      }
      const random6 = Array.from({ length: 8 }, () => Math.floor(random() * 0x10000));
      expect(new Set(spellings(random6, random).map((s) => isPrivateAddress(s))).size).toBe(1);
    }
  });
});
