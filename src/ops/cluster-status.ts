import { openPgStores, type ClusterStatus } from '../store/index.js';
import type { Logger } from '../types/index.js';

/**
 * `wiredesk status --database …`: the cluster as PostgreSQL sees it: workers and whether their
 * heartbeats are fresh, who holds the grouper role and its lag, due and leased sources, hosts in
 * back-off, and the queue's depth.
 */
export async function clusterStatus(database: string, logger: Logger): Promise<ClusterStatus> {
  // worker/index brings the whole crawl machinery with it: loaded only when a cluster is asked about.
  const { HEARTBEAT_MS } = await import('../worker/index.js');
  // A worker (or the grouper) counts as alive while its heartbeat is younger than this.
  const aliveMs = HEARTBEAT_MS * 5;
  const stores = await openPgStores({ url: database, logger, max: 2, waitMs: 5_000 });
  try {
    return await stores.cluster.status(aliveMs);
  } finally {
    await stores.close();
  }
}

/** The cluster status as text for a terminal. */
export function renderClusterStatus(status: ClusterStatus, now: Date): string {
  const ago = (iso: string | null): string => (iso === null ? 'never' : `${Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000))} s ago`);
  const alive = status.workers.filter((w) => w.alive);
  const lines = [`cluster ${status.database} (schema ${status.schemaVersion})`];
  lines.push(`workers alive: ${alive.length}${status.workers.length > alive.length ? ` (${status.workers.length - alive.length} gone)` : ''}`);
  for (const w of status.workers) lines.push(`  ${w.alive ? 'alive' : 'gone '} ${w.id} pid ${w.pid} on ${w.hostname}, heartbeat ${ago(w.heartbeatAt)}`);
  const g = status.grouper;
  lines.push(g.owner && g.alive ? `grouper: ${g.owner} since ${ago(g.since)} (epoch ${g.epoch}, ${g.committed} committed, lag ${g.lagMs === null ? '-' : `${Math.round(g.lagMs)} ms`})` : 'grouper: none (a worker takes the role within seconds)');
  lines.push(`sources: ${status.sources.total}, due now ${status.sources.due}, being crawled ${status.sources.leased}`);
  lines.push(`hosts: ${status.hostsLeased} leased, ${status.hostsInBackoff.length} in back-off`);
  for (const h of status.hostsInBackoff.slice(0, 10)) lines.push(`  ${h.host} until ${h.until}${h.leasedBy ? ` (held by ${h.leasedBy})` : ''}`);
  lines.push(`queue: ${status.queue.depth} articles waiting for the grouper${status.queue.oldestAgeMs === null ? '' : `, oldest ${Math.round(status.queue.oldestAgeMs)} ms`}; ${status.queue.reportsWaiting} source reports`);
  return lines.join('\n') + '\n';
}
