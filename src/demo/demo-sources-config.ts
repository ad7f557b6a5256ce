import type { SourceConfig } from '../config/index.js';
import type { DemoWire } from './start-demo-wire.js';

/**
 * The `sources` array of a config that crawls the demo wire. `allowPrivateNetwork` is on because
 * the wire listens on loopback; robots.txt is still obeyed, as it would be for a real agency.
 */
export function demoSourcesConfig(wire: DemoWire): SourceConfig[] {
  return wire.sources.map((s) => ({
    name: s.name,
    url: s.url,
    kind: 'feed',
    allowPrivateNetwork: true,
    privateHosts: [],
    obeyRobots: true,
    headers: {},
    headerOrigins: [],
    enabled: true,
    intervalMinutes: null,
    cron: null,
    extract: null,
  }));
}
