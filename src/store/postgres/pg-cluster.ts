import type { QueryResultRow } from 'pg';
import { emptySourceState, type SeenEntry, type SourceState, type StoredValidators } from '../state-store.js';
import { pgError, type PgPool } from './pg-connect.js';

/** Sources of one host a worker crawls at once: one fetching, one ready to go when the host's gap ends. */
export const PER_HOST_IN_FLIGHT = 2;
/**
 * The grouper's share of hosts against another worker's (when it is not alone): its event loop also
 * groups and writes files, and a request's gap runs from when the loop saw the last response end,
 * so its hosts wait longer between requests (observed 0.5 s at p90 against 0.1–0.16 s, 3 workers).
 */
export const GROUPER_HOST_SHARE = 0.5;

/** A queued item as the grouper reads it. */
export interface QueueEntry {
  seq: number;
  kind: 'article' | 'known';
  articleId: string;
  feedUrl: string;
  itemKey: string;
  payload: unknown;
  enqueuedAt: Date;
}

/** Answer of `claimHost`. */
export interface HostClaim {
  granted: boolean;
  /** Granted: wait this long before the first request. Refused: the holder's lease runs this much longer. */
  waitMs: number;
  holder: string | null;
}

/** An item to queue (`enqueue`). */
export interface QueueItem {
  kind: 'article' | 'known';
  articleId: string;
  feedUrl: string;
  itemKey: string;
  payload: unknown;
}

/** A claimed source with its saved state (as `state.source(url)` would read it). */
export interface ClaimedSource {
  url: string;
  state: SourceState;
  /** Its host's lease, when the claim took (or extended) it for this worker: the first request waits `waitMs`. */
  hostLease: { host: string; waitMs: number; leaseMs: number } | null;
}

/** Host leases a source claim takes with the sources (`claimSources`). */
export interface HostLeaseTerms {
  /** The gap a new frontier row starts with. */
  gapMs: number;
  /** Lease length: at least this, and at least three of the host's gaps. */
  leaseMs: number;
}

/** What the state and the queue know of a feed's items (`handledItems`). */
export interface HandledItems {
  /** Item keys of the feed seen already, or queued for it. */
  keys: Set<string>;
  /** Articles of the given ids in the catalog: their feed and the feeds that list them too. */
  stored: Map<string, { feedUrl: string; alsoIn: { url: string }[] }>;
  /** Article ids queued as articles (a copy is on its way to the grouper). */
  queued: Set<string>;
}

/** A source's crawl as `finishCrawls` records it. */
export interface FinishedCrawl {
  url: string;
  /** The source's state after the crawl (its `nextDueAt` set). */
  state: SourceState;
  /** The `--once` pass it counts for (null: the daemon). */
  pass: number | null;
  report: unknown;
  /** Items given up for good, seen from now on. */
  seen: readonly SeenEntry[];
}

/** What `wiredesk status --database` shows. */
export interface ClusterStatus {
  database: string;
  schemaVersion: number;
  workers: { id: string; hostname: string; pid: number; startedAt: string; heartbeatAt: string; alive: boolean; stats: Record<string, unknown> }[];
  grouper: { owner: string | null; since: string | null; heartbeatAt: string | null; epoch: number; committed: number; lagMs: number | null; alive: boolean };
  sources: { total: number; due: number; leased: number };
  hostsInBackoff: { host: string; until: string; leasedBy: string | null }[];
  hostsLeased: number;
  queue: { depth: number; oldestAgeMs: number | null; reportsWaiting: number };
}

/**
 * The cluster's coordination tables, one method per statement: worker heartbeats, source leases
 * (`FOR UPDATE SKIP LOCKED`, so workers never wait on each other's claims), `--once` passes, host
 * leases and next-fetch times, shared robots.txt, the queue of extracted articles, source reports
 * for the grouper, and the grouper's epoch. The database's clock (`now()`) is the only clock that
 * decides anything, so workers on machines with skewed clocks still agree.
 */
export class ClusterDb {
  constructor(
    private readonly pool: PgPool,
    readonly location: string,
  ) {}

  async registerWorker(id: string, hostname: string, pid: number): Promise<void> {
    await this.q(
      'INSERT INTO wd_workers (id, hostname, pid) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), stopped_at = NULL',
      [id, hostname, pid],
      'register the worker',
    );
  }

  /**
   * Heartbeat: the worker is alive, and its leases run on: sources it is crawling for `sourceLeaseMs`,
   * hosts it holds for `hostLeaseMs` or three of the host's gaps, whichever is longer. Returns the
   * hosts extended with their new lease length, so the worker needs no statement of its own for them.
   */
  async heartbeat(id: string, stats: Record<string, unknown>, sourceLeaseMs: number, hostLeaseMs: number): Promise<{ host: string; leaseMs: number }[]> {
    const rows = await this.q<{ host: string; lease_ms: number }>(
      `WITH w AS (UPDATE wd_workers SET heartbeat_at = now(), stats = $2 WHERE id = $1),
            s AS (UPDATE wd_sources SET lease_until = now() + $3 * interval '1 millisecond' WHERE lease_owner = $1 AND lease_until > now())
       UPDATE wd_frontier SET lease_until = greatest(lease_until, now() + greatest($4, 3 * gap_ms) * interval '1 millisecond')
       WHERE lease_owner = $1 AND lease_until > now() RETURNING host, greatest($4, 3 * gap_ms)::float8 AS lease_ms`,
      [id, JSON.stringify(stats), sourceLeaseMs, hostLeaseMs],
      'heartbeat',
    );
    return rows.map((r) => ({ host: r.host, leaseMs: r.lease_ms }));
  }

  async stopWorker(id: string): Promise<void> {
    await this.q(
      `WITH s AS (UPDATE wd_sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1),
            f AS (UPDATE wd_frontier SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 RETURNING pg_notify('wd_host', host))
       UPDATE wd_workers SET stopped_at = now() WHERE id = $1`,
      [id],
      'sign the worker off',
    );
  }

  /** Makes sure every configured source has a row (new ones are due now). */
  async registerSources(sources: readonly { url: string; name: string; host: string }[]): Promise<void> {
    if (sources.length === 0) return;
    await this.q(
      `INSERT INTO wd_sources (url, data, next_due_at, host) SELECT u, d::jsonb, now(), h FROM unnest($1::text[], $2::text[], $3::text[]) AS s(u, d, h)
       ON CONFLICT (url) DO UPDATE SET host = excluded.host WHERE wd_sources.host IS DISTINCT FROM excluded.host`,
      [sources.map((s) => s.url), sources.map((s) => JSON.stringify(emptySourceState(s.url, s.name))), sources.map((s) => s.host)],
      'register sources',
    );
  }

  /** The open `--once` pass (one is opened when none is). */
  async joinPass(): Promise<number> {
    // At most one open pass (a unique index on the open one): workers starting together join one.
    for (;;) {
      await this.q('INSERT INTO wd_passes (started_at) VALUES (now()) ON CONFLICT DO NOTHING', [], 'open a pass');
      const rows = await this.q<{ id: number }>('SELECT id FROM wd_passes WHERE finished_at IS NULL', [], 'join a pass');
      if (rows[0] !== undefined) return rows[0].id;
    }
  }

  async finishPass(pass: number): Promise<void> {
    await this.q('UPDATE wd_passes SET finished_at = now() WHERE id = $1 AND finished_at IS NULL', [pass], 'finish the pass');
  }

  /**
   * Claims up to `limit` sources among `urls`, each with a lease, and returns them with their saved
   * state: in a pass, ones not done in that pass yet; else due ones. Sources leased by a live worker
   * are skipped without waiting. Hosts, not sources, are what a politeness-bound crawl shares out:
   * - a worker continues the hosts it is on (a source in flight, or the host's lease), so each host
   *   is fetched back to back by one worker that already holds its lease;
   * - it takes new hosts up to its fair share (hosts with work ÷ live workers; the grouper counts as
   *   `GROUPER_HOST_SHARE` of a worker when others are live), those no other worker
   *   is on first; one over its share continues only that many of its hosts, and so gives the others
   *   back as their sources finish (workers that start late get their share within a source's time);
   * - a host another worker is on only when it has nothing in flight (its source waits for that lease);
   * - the fewest sources in flight per host first (counting the ones this claim takes), so every
   *   host gets one before any gets two; at most one of a host this worker is not on yet (a worker that
   *   starts first does not take every source before the others are up), at most `PER_HOST_IN_FLIGHT`
   *   of one it is on (the next source is ready when the gap ends; more would only wait).
   * With `hosts`, the same statement takes the claimed sources' host leases that are free, expired or
   * this worker's (as `wd_claim_host` would), so a new host costs no statement of its own.
   */
  async claimSources(worker: string, urls: readonly string[], pass: number | null, leaseMs: number, limit: number, aliveMs: number, hosts?: HostLeaseTerms): Promise<ClaimedSource[]> {
    const rows = await this.q<{ url: string; data: SourceState; leased: string | null; wait_ms: number | null; lease_ms: number | null }>(
      `WITH busy AS (
         SELECT host, count(*) AS n, bool_or(lease_owner <> $2) AS other, bool_or(lease_owner = $2) AS mine FROM wd_sources WHERE lease_until > now() GROUP BY host
       ), held AS (
         SELECT host, lease_owner = $2 AS mine FROM wd_frontier WHERE lease_owner IS NOT NULL AND lease_until > now()
       ), open AS (
         SELECT url, host, next_due_at FROM wd_sources
         WHERE url = ANY($1::text[]) AND (lease_until IS NULL OR lease_until < now())
           AND (CASE WHEN $3::bigint IS NULL THEN next_due_at <= now() ELSE pass_done < $3 END)
       ), hosts AS (
         SELECT o.host, coalesce(b.mine, false) OR coalesce(h.mine, false) AS mine,
                coalesce(b.other, false) OR coalesce(NOT h.mine, false) AS other, coalesce(b.n, 0) AS n
         FROM (SELECT DISTINCT host FROM open) o LEFT JOIN busy b ON b.host = o.host LEFT JOIN held h ON h.host = o.host
       ), crawling AS (
         -- This worker claims: from now on it counts for its share even as the grouper (its heartbeat keeps the mark).
         UPDATE wd_workers SET stats = stats || '{"crawling": true}' WHERE id = $2 AND (stats->>'crawling') IS DISTINCT FROM 'true'
       ), live AS (
         -- A grouper still starting (not claiming yet) is not counted: the others take its share meanwhile.
         SELECT count(*) AS n, bool_or(w.id = g.owner) AS grouping, bool_or(w.id = g.owner AND w.id = $2) AS me
         FROM wd_workers w LEFT JOIN wd_grouper g ON g.id = 1
         WHERE w.stopped_at IS NULL AND w.heartbeat_at > now() - $6 * interval '1 millisecond'
           AND (w.id = $2 OR w.id IS DISTINCT FROM g.owner OR w.stats->>'crawling' = 'true')
       ), weights AS (
         -- The grouper's event loop also groups: with others to crawl, its hosts are fewer.
         SELECT CASE WHEN n > 1 AND me THEN $8::float8 ELSE 1 END AS mine,
                greatest(1, n - CASE WHEN n > 1 AND grouping THEN 1 - $8::float8 ELSE 0 END) AS total
         FROM live
       ), share AS (
         SELECT ceil((SELECT count(*) FROM (SELECT host FROM open UNION SELECT host FROM busy) a)::float8 * weights.mine / weights.total) AS fair,
                (SELECT count(*) FROM (SELECT host FROM busy WHERE mine UNION SELECT host FROM held WHERE mine) m) AS have,
                NOT EXISTS (SELECT 1 FROM busy WHERE mine) AS idle
         FROM weights
       ), allowed AS (
         SELECT r.host, r.mine, r.other, r.n FROM (
           -- Hosts in an order of this worker's own, so workers claiming at once mostly want different ones
           -- (in one order, the later claim skipped the earlier one's locked rows and got what was left of its share).
           SELECT h.*, row_number() OVER (PARTITION BY h.mine ORDER BY h.other, h.n, md5(h.host || $2)) AS nth FROM hosts h
         ) r, share
         WHERE CASE WHEN r.mine THEN r.nth <= share.fair ELSE r.nth <= share.fair - share.have AND (NOT r.other OR share.idle) END
       ), ranked AS (
         SELECT o.url, o.next_due_at, a.other, a.mine, a.n + row_number() OVER (PARTITION BY o.host ORDER BY o.next_due_at NULLS FIRST, o.url) AS load
         FROM open o JOIN allowed a ON a.host = o.host
       ), cand AS (
         SELECT * FROM ranked WHERE load <= $7 OR (NOT mine AND load <= 1)
       ), picked AS (
         SELECT w.url FROM wd_sources w JOIN cand c ON c.url = w.url
         WHERE w.lease_until IS NULL OR w.lease_until < now()
         ORDER BY c.other, c.load, c.mine DESC, c.next_due_at NULLS FIRST, c.url
         LIMIT $5 FOR UPDATE OF w SKIP LOCKED
       ), took AS (
         UPDATE wd_sources u SET lease_owner = $2, lease_until = now() + $4 * interval '1 millisecond' FROM picked WHERE u.url = picked.url
         RETURNING u.url, u.data, u.host
       ), leased AS (
         INSERT INTO wd_frontier AS f (host, gap_ms, lease_owner, lease_until)
         SELECT DISTINCT host, $9::int, $2, now() + greatest($10::float8, 3 * $9::float8) * interval '1 millisecond' FROM took WHERE host IS NOT NULL AND $10::float8 IS NOT NULL
         ON CONFLICT (host) DO UPDATE SET lease_owner = $2,
           lease_until = greatest(CASE WHEN f.lease_owner = $2 THEN f.lease_until END, now() + greatest($10::float8, 3 * f.gap_ms) * interval '1 millisecond')
         WHERE f.lease_owner IS NULL OR f.lease_owner = $2 OR f.lease_until < now()
         RETURNING f.host, greatest(0, extract(epoch FROM greatest(f.next_fetch_at, coalesce(f.paused_until, f.next_fetch_at)) - now()) * 1000)::float8 AS wait_ms,
                   greatest($10::float8, 3 * f.gap_ms)::float8 AS lease_ms
       )
       SELECT t.url, t.data, l.host AS leased, l.wait_ms, l.lease_ms FROM took t LEFT JOIN leased l ON l.host = t.host`,
      [urls, worker, pass, leaseMs, limit, aliveMs, PER_HOST_IN_FLIGHT, GROUPER_HOST_SHARE, hosts === undefined ? null : Math.round(hosts.gapMs), hosts?.leaseMs ?? null],
      'claim sources',
    );
    return rows.map((r) => ({ url: r.url, state: r.data, hostLease: r.leased === null ? null : { host: r.leased, waitMs: r.wait_ms ?? 0, leaseMs: r.lease_ms ?? 0 } }));
  }

  /**
   * Sources' crawls are over, in one statement (the crawls that ended while the last one was on its
   * way): items given up for good are seen, each source's state and next due time saved, its report
   * left for the grouper, and (while the lease is still this worker's) the pass it counts for
   * recorded and the lease given back.
   */
  async finishCrawls(worker: string, done: readonly FinishedCrawl[]): Promise<void> {
    if (done.length === 0) return;
    const seen = done.flatMap((d) => d.seen);
    await this.q(
      `WITH d AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $10::bigint[]) WITH ORDINALITY AS d(url, state, next_due, report, pass, n)
       ), seen AS (
         INSERT INTO wd_seen (feed_url, key, article_id, at) SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::text[]) ON CONFLICT DO NOTHING
       ), report AS (
         INSERT INTO wd_reports (worker, report) SELECT $1, d.report::jsonb FROM d ORDER BY d.n
       )
       UPDATE wd_sources s SET data = d.state::jsonb, next_due_at = coalesce(d.next_due::timestamptz, s.next_due_at),
         pass_done = CASE WHEN s.lease_owner = $1 THEN greatest(s.pass_done, coalesce(d.pass, 0)) ELSE s.pass_done END,
         lease_until = CASE WHEN s.lease_owner = $1 THEN NULL ELSE s.lease_until END,
         lease_owner = CASE WHEN s.lease_owner = $1 THEN NULL ELSE s.lease_owner END
       FROM d WHERE s.url = d.url`,
      [
        worker,
        done.map((d) => d.url),
        done.map((d) => JSON.stringify(d.state)),
        done.map((d) => d.state.nextDueAt),
        done.map((d) => JSON.stringify(d.report)),
        seen.map((e) => e.feedUrl),
        seen.map((e) => e.key),
        seen.map((e) => e.articleId),
        seen.map((e) => e.at),
        done.map((d) => d.pass),
      ],
      'finish sources',
    );
  }

  /** A source given back unfinished (the worker stops): another worker takes it at once. */
  async abandonSource(worker: string, url: string): Promise<void> {
    await this.q('UPDATE wd_sources SET lease_owner = NULL, lease_until = NULL WHERE url = $2 AND lease_owner = $1', [worker, url], 'give a source back');
  }

  /** When the next of `urls` falls due (ms from now; null when none has a time). */
  async nextDueInMs(urls: readonly string[]): Promise<number | null> {
    const rows = await this.q<{ ms: number | null }>(
      "SELECT (extract(epoch FROM min(greatest(next_due_at, coalesce(lease_until, next_due_at))) - now()) * 1000)::float8 AS ms FROM wd_sources WHERE url = ANY($1::text[])",
      [urls],
      'read the schedule',
    );
    return rows[0]?.ms ?? null;
  }

  /** What keeps a pass open: sources of `urls` not done in it, queued items, and reports not written yet. */
  async passProgress(pass: number, urls: readonly string[]): Promise<{ sourcesLeft: number; queued: number; reports: number }> {
    const rows = await this.q<{ left: number; queued: number; reports: number }>(
      'SELECT (SELECT count(*) FROM wd_sources WHERE url = ANY($1::text[]) AND pass_done < $2) AS left, (SELECT count(*) FROM wd_queue) AS queued, (SELECT count(*) FROM wd_reports) AS reports',
      [urls, pass],
      'read the pass',
    );
    const r = rows[0];
    return { sourcesLeft: r?.left ?? 0, queued: r?.queued ?? 0, reports: r?.reports ?? 0 };
  }

  async claimHost(host: string, worker: string, leaseMs: number, gapMs: number): Promise<HostClaim> {
    const row = (await this.q<{ granted: boolean; wait_ms: number; holder: string | null }>('SELECT * FROM wd_claim_host($1, $2, $3, $4)', [host, worker, Math.round(leaseMs), Math.round(gapMs)], 'claim a host'))[0];
    return { granted: row?.granted ?? false, waitMs: row?.wait_ms ?? 0, holder: row?.holder ?? null };
  }

  /** Extends a held host lease; false when it is no longer this worker's. */
  async extendHost(host: string, worker: string, leaseMs: number): Promise<boolean> {
    const rows = await this.q(
      "UPDATE wd_frontier SET lease_until = now() + $3 * interval '1 millisecond' WHERE host = $1 AND lease_owner = $2 AND lease_until > now() RETURNING 1",
      [host, worker, Math.round(leaseMs)],
      'extend a host lease',
    );
    return rows.length > 0;
  }

  async releaseHost(host: string, worker: string, nextInMs: number, pauseMs: number): Promise<void> {
    await this.q('SELECT wd_release_host($1, $2, $3, $4)', [host, worker, nextInMs, pauseMs], 'release a host');
  }

  /** Records a host's pause (Retry-After) and gap (Crawl-delay) for the next holder and for status. */
  async noteHost(host: string, gapMs: number | null, pauseMs: number | null): Promise<void> {
    await this.q(
      `INSERT INTO wd_frontier (host, gap_ms, paused_until) VALUES ($1, coalesce($2, 0), CASE WHEN $3::float8 IS NULL THEN NULL ELSE now() + $3 * interval '1 millisecond' END)
       ON CONFLICT (host) DO UPDATE SET gap_ms = coalesce($2, wd_frontier.gap_ms),
         paused_until = CASE WHEN $3::float8 IS NULL THEN wd_frontier.paused_until ELSE greatest(coalesce(wd_frontier.paused_until, now()), now() + $3 * interval '1 millisecond') END`,
      [host, gapMs === null ? null : Math.round(gapMs), pauseMs],
      'note a host',
    );
  }

  async loadRobots(origin: string): Promise<{ status: number; body: Uint8Array } | null> {
    const row = (await this.q<{ status: number; body: Buffer }>('SELECT status, body FROM wd_robots WHERE origin = $1 AND expires_at > now()', [origin], 'read robots.txt'))[0];
    return row === undefined ? null : { status: row.status, body: new Uint8Array(row.body) };
  }

  async saveRobots(origin: string, answer: { status: number; body: Uint8Array }, ttlMs: number): Promise<void> {
    await this.q(
      "INSERT INTO wd_robots (origin, status, body, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') ON CONFLICT (origin) DO UPDATE SET status = excluded.status, body = excluded.body, expires_at = excluded.expires_at",
      [origin, answer.status, Buffer.from(answer.body), ttlMs],
      'store robots.txt',
    );
  }

  /**
   * Queues items in one statement, in the order given; returns for each 'article', 'known' (another
   * feed's copy is queued) or 'duplicate'.
   */
  async enqueue(items: readonly QueueItem[], worker: string): Promise<string[]> {
    if (items.length === 0) return [];
    const rows = await this.q<{ n: number; r: string }>(
      `SELECT e.n, wd_enqueue(e.k, e.aid, e.feed, e.ikey, e.p::jsonb, $6) AS r
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS e(k, aid, feed, ikey, p, n)`,
      [items.map((i) => i.kind), items.map((i) => i.articleId), items.map((i) => i.feedUrl), items.map((i) => i.itemKey), items.map((i) => JSON.stringify(i.payload)), worker],
      'queue items',
    );
    const answers = new Map(rows.map((r) => [Number(r.n), r.r]));
    return items.map((_, i) => answers.get(i + 1) ?? 'duplicate');
  }

  /**
   * What stage A asks before fetching a feed's items, in one statement: which of `keys` the feed has
   * seen or queued, which of `ids` the catalog holds (with their feeds) and which are queued.
   */
  async handledItems(feedUrl: string, keys: readonly string[], ids: readonly string[]): Promise<HandledItems> {
    const result: HandledItems = { keys: new Set(), stored: new Map(), queued: new Set() };
    if (keys.length === 0 && ids.length === 0) return result;
    const rows = await this.q<{ k: string; v: string; feed: string | null; also: { url: string }[] | null }>(
      `SELECT 'k' AS k, key AS v, NULL AS feed, NULL::jsonb AS also FROM wd_seen WHERE feed_url = $1 AND key = ANY($2::text[])
       UNION ALL SELECT 'k', item_key, NULL, NULL FROM wd_queue WHERE feed_url = $1 AND item_key = ANY($2::text[])
       UNION ALL SELECT 'c', id, feed_url, also_in FROM wd_catalog WHERE id = ANY($3::text[])
       UNION ALL SELECT 'q', article_id, NULL, NULL FROM wd_queue WHERE kind = 'article' AND article_id = ANY($3::text[])`,
      [feedUrl, keys, ids],
      'read what a feed has handled',
    );
    for (const r of rows) {
      if (r.k === 'k') result.keys.add(r.v);
      else if (r.k === 'q') result.queued.add(r.v);
      else result.stored.set(r.v, { feedUrl: r.feed ?? '', alsoIn: r.also ?? [] });
    }
    return result;
  }

  /** Validators of pages fetched before, by URL (one statement for many pages). */
  async pageValidators(urls: readonly string[]): Promise<Map<string, StoredValidators>> {
    if (urls.length === 0) return new Map();
    const rows = await this.q<{ url: string; etag: string | null; last_modified: string | null }>(
      'SELECT url, etag, last_modified FROM wd_url_validators WHERE url = ANY($1::text[])',
      [urls],
      'read validators',
    );
    return new Map(rows.map((r) => [r.url, { etag: r.etag, lastModified: r.last_modified }]));
  }

  /** Article ids queued as articles (another feed's copy is on its way). */
  async queuedArticles(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.q<{ article_id: string }>("SELECT article_id FROM wd_queue WHERE kind = 'article' AND article_id = ANY($1::text[])", [ids], 'read the queue');
    return new Set(rows.map((r) => r.article_id));
  }

  /** The oldest queued entries, in commit order. */
  async readQueue(limit: number): Promise<QueueEntry[]> {
    const rows = await this.q<{ seq: number; kind: 'article' | 'known'; article_id: string; feed_url: string; item_key: string; payload: unknown; enqueued_at: Date }>(
      'SELECT seq, kind, article_id, feed_url, item_key, payload, enqueued_at FROM wd_queue ORDER BY seq LIMIT $1',
      [limit],
      'read the queue',
    );
    return rows.map((r) => ({ seq: r.seq, kind: r.kind, articleId: r.article_id, feedUrl: r.feed_url, itemKey: r.item_key, payload: r.payload, enqueuedAt: r.enqueued_at }));
  }

  /** Drops a settled queue entry (normally the commit does; this covers an entry a commit skipped). */
  async dropQueued(seq: number): Promise<void> {
    await this.q('DELETE FROM wd_queue WHERE seq = $1', [seq], 'drop a queue entry');
  }

  async addReport(worker: string, report: unknown): Promise<void> {
    await this.q('INSERT INTO wd_reports (worker, report) VALUES ($1, $2)', [worker, JSON.stringify(report)], 'store a source report');
  }

  async takeReports(limit: number): Promise<{ seq: number; report: unknown }[]> {
    return this.q<{ seq: number; report: unknown }>('SELECT seq, report FROM wd_reports ORDER BY seq LIMIT $1', [limit], 'read source reports');
  }

  async dropReports(upTo: number): Promise<void> {
    await this.q('DELETE FROM wd_reports WHERE seq <= $1', [upTo], 'drop source reports');
  }

  /** Becomes the grouper: a new epoch that fences out every write of the previous one. */
  async takeGrouperRole(worker: string): Promise<number> {
    // Workers' shares of hosts change (a starting grouper counts for none): their source claims wake up (wd_host).
    const rows = await this.q<{ epoch: number }>(
      "WITH t AS (UPDATE wd_grouper SET epoch = epoch + 1, owner = $1, since = now(), heartbeat_at = now() WHERE id = 1 RETURNING epoch) SELECT epoch, pg_notify('wd_host', '') FROM t",
      [worker],
      'take the grouper role',
    );
    return rows[0]?.epoch ?? 0;
  }

  async grouperHeartbeat(epoch: number, committed: number, lagMs: number | null): Promise<void> {
    await this.q('UPDATE wd_grouper SET heartbeat_at = now(), committed = committed + $2, lag_ms = coalesce($3, lag_ms) WHERE id = 1 AND epoch = $1', [epoch, committed, lagMs], 'grouper heartbeat');
  }

  async leaveGrouperRole(epoch: number): Promise<void> {
    await this.q('UPDATE wd_grouper SET owner = NULL, heartbeat_at = now() WHERE id = 1 AND epoch = $1', [epoch], 'leave the grouper role');
  }

  /** The cluster at a glance; a worker counts as alive when its heartbeat is younger than `aliveMs`. */
  async status(aliveMs: number): Promise<ClusterStatus> {
    const [workers, grouper, sources, backoff, leased, queue, version] = await Promise.all([
      this.q<{ id: string; hostname: string; pid: number; started_at: Date; heartbeat_at: Date; stopped_at: Date | null; stats: Record<string, unknown>; age_ms: number }>(
        'SELECT *, (extract(epoch FROM now() - heartbeat_at) * 1000)::float8 AS age_ms FROM wd_workers WHERE stopped_at IS NULL OR stopped_at > now() - interval \'1 hour\' ORDER BY started_at',
        [],
        'read workers',
      ),
      this.q<{ owner: string | null; since: Date | null; heartbeat_at: Date | null; epoch: number; committed: number; lag_ms: number | null; age_ms: number | null }>(
        'SELECT *, (extract(epoch FROM now() - heartbeat_at) * 1000)::float8 AS age_ms FROM wd_grouper WHERE id = 1',
        [],
        'read the grouper',
      ),
      this.q<{ total: number; due: number; leased: number }>(
        'SELECT count(*) AS total, count(*) FILTER (WHERE next_due_at <= now() AND (lease_until IS NULL OR lease_until < now())) AS due, count(*) FILTER (WHERE lease_until > now()) AS leased FROM wd_sources',
        [],
        'read sources',
      ),
      this.q<{ host: string; until: Date; lease_owner: string | null }>(
        'SELECT host, greatest(paused_until, next_fetch_at) AS until, lease_owner FROM wd_frontier WHERE paused_until > now() OR next_fetch_at > now() + (gap_ms + 1000) * interval \'1 millisecond\' ORDER BY until DESC LIMIT 50',
        [],
        'read hosts',
      ),
      this.q<{ n: number }>('SELECT count(*) AS n FROM wd_frontier WHERE lease_until > now()', [], 'read hosts'),
      this.q<{ depth: number; oldest_ms: number | null; reports: number }>(
        'SELECT (SELECT count(*) FROM wd_queue) AS depth, (SELECT (extract(epoch FROM now() - min(enqueued_at)) * 1000)::float8 FROM wd_queue) AS oldest_ms, (SELECT count(*) FROM wd_reports) AS reports',
        [],
        'read the queue',
      ),
      this.q<{ value: string }>("SELECT value FROM wd_meta WHERE key = 'schema_version'", [], 'read the schema version'),
    ]);
    const g = grouper[0];
    const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
    return {
      database: this.location,
      schemaVersion: Number(version[0]?.value ?? 0),
      workers: workers.map((w) => ({
        id: w.id,
        hostname: w.hostname,
        pid: w.pid,
        startedAt: w.started_at.toISOString(),
        heartbeatAt: w.heartbeat_at.toISOString(),
        alive: w.stopped_at === null && w.age_ms < aliveMs,
        stats: w.stats,
      })),
      grouper: {
        owner: g?.owner ?? null,
        since: iso(g?.since),
        heartbeatAt: iso(g?.heartbeat_at),
        epoch: g?.epoch ?? 0,
        committed: g?.committed ?? 0,
        lagMs: g?.lag_ms ?? null,
        alive: g?.owner != null && (g.age_ms ?? Infinity) < aliveMs,
      },
      sources: { total: sources[0]?.total ?? 0, due: sources[0]?.due ?? 0, leased: sources[0]?.leased ?? 0 },
      hostsInBackoff: backoff.map((b) => ({ host: b.host, until: b.until.toISOString(), leasedBy: b.lease_owner })),
      hostsLeased: leased[0]?.n ?? 0,
      queue: { depth: queue[0]?.depth ?? 0, oldestAgeMs: queue[0]?.oldest_ms ?? null, reportsWaiting: queue[0]?.reports ?? 0 },
    };
  }

  private async q<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[], what: string): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (cause) {
      throw pgError(this.location, what, cause);
    }
  }
}
