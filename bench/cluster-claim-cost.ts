/**
 * What one source claim costs the database as the source list grows (the claim ranks every open
 * source of the worker's config): N sources on H hosts, three registered workers, one of them
 * holding its share; then 20 claims of one source each, timed as round trips on loopback.
 *
 *   npx tsx bench/cluster-claim-cost.ts [sources 2000] [hosts 200]
 */
import { openPgStores } from '../src/store/index.js';
import { silentLogger } from '../src/log/index.js';
import { createTestDatabase } from '../tests/support/pg.js';
const N = Number(process.argv[2] ?? 2000);
const HOSTS = Number(process.argv[3] ?? 200);
const db = await createTestDatabase('wdclaim');
const stores = await openPgStores({ url: db.url, logger: silentLogger });
try {
  const { cluster } = stores;
  const sources = Array.from({ length: N }, (_, i) => ({ url: `http://h${i % HOSTS}.example:80/feed/${i}.xml`, name: `s${i}`, host: `h${i % HOSTS}.example:80` }));
  for (const w of ['a', 'b', 'c']) await cluster.registerWorker(w, 'x', 1);
  await cluster.registerSources(sources);
  const pass = await cluster.joinPass();
  const urls = sources.map((s) => s.url);
  // Half the hosts busy: worker a claims its share first.
  await cluster.claimSources('a', urls, pass, 60_000, 512, 60_000, { gapMs: 500, leaseMs: 10_000 });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await cluster.claimSources(i % 2 ? 'b' : 'c', urls, pass, 60_000, 1, 60_000, { gapMs: 500, leaseMs: 10_000 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`claim with ${N} sources on ${HOSTS} hosts: median ${times[10]!.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms`);
} finally {
  await stores.close();
  await db.drop();
}
