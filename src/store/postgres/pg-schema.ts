import type { PoolClient } from 'pg';
import { WiredeskError } from '../../errors/index.js';

/** Version of the PostgreSQL schema; `migratePg` brings an older database up to it. */
export const PG_SCHEMA_VERSION = 3;

/** Advisory lock key that serialises migrations of one database (any constant works; this spells "wdmg"). */
const MIGRATION_LOCK = 0x77646d67;

/**
 * Migrations, one per version. Tables prefixed `wd_` are wiredesk's own (state, cluster
 * coordination); `articles` and `stories` are the documented tables for SQL readers.
 *
 * State (the same contents as the SQLite state, see sqlite-schema.ts): sources, seen keys, page
 * validators, the article catalog, story merge history, commit intents, and the story index as a
 * snapshot (wd_ix_snapshot) plus the inputs it took since (wd_ix_log), replaced at checkpoints.
 *
 * Cluster: workers and their heartbeats; the source schedule with a lease per source; the frontier
 * (one row per host:port: next fetch time, gap, pause, lease); robots.txt answers; the queue of
 * extracted articles in commit order (the item identity is unique, so two workers never queue one
 * article twice); source reports waiting for the grouper; `--once` passes; the grouper's epoch,
 * which fences every write of a grouper that lost its role.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE wd_sources (
    url text PRIMARY KEY, data jsonb NOT NULL, next_due_at timestamptz, host text,
    lease_owner text, lease_until timestamptz, pass_done bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX wd_sources_due ON wd_sources (next_due_at);
  CREATE INDEX wd_sources_by_host ON wd_sources (host, lease_until);
  CREATE TABLE wd_seen (feed_url text NOT NULL, key text NOT NULL, article_id text, at text NOT NULL, PRIMARY KEY (feed_url, key));
  CREATE INDEX wd_seen_by_time ON wd_seen (at);
  CREATE INDEX wd_seen_by_article ON wd_seen (article_id);
  CREATE TABLE wd_url_validators (url text PRIMARY KEY, etag text, last_modified text, at text NOT NULL);
  CREATE TABLE wd_catalog (
    id text PRIMARY KEY, filed_day text NOT NULL, feed_url text NOT NULL, source text NOT NULL, title text NOT NULL,
    duplicate_of text, story_id text NOT NULL, joined_seq bigint NOT NULL, seen_at text NOT NULL, also_in jsonb
  );
  CREATE INDEX wd_catalog_by_story ON wd_catalog (story_id, joined_seq);
  CREATE INDEX wd_catalog_by_time ON wd_catalog (seen_at);
  CREATE INDEX wd_catalog_by_day ON wd_catalog (filed_day);
  CREATE TABLE wd_story_merges (story_id text PRIMARY KEY, merged jsonb NOT NULL);
  CREATE TABLE wd_intents (article_id text PRIMARY KEY, data jsonb NOT NULL);
  CREATE TABLE wd_ix_snapshot (id int PRIMARY KEY CHECK (id = 1), up_to bigint NOT NULL, live int NOT NULL, data bytea NOT NULL);
  CREATE TABLE wd_ix_log (seq bigserial PRIMARY KEY, article_id text UNIQUE, changes jsonb NOT NULL);

  CREATE TABLE wd_workers (
    id text PRIMARY KEY, hostname text NOT NULL, pid int NOT NULL, started_at timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(), stopped_at timestamptz, stats jsonb NOT NULL DEFAULT '{}'
  );
  CREATE TABLE wd_frontier (
    host text PRIMARY KEY, next_fetch_at timestamptz NOT NULL DEFAULT now(), gap_ms int NOT NULL,
    paused_until timestamptz, lease_owner text, lease_until timestamptz
  );
  CREATE TABLE wd_robots (origin text PRIMARY KEY, status int NOT NULL, body bytea NOT NULL, expires_at timestamptz NOT NULL);
  CREATE TABLE wd_queue (
    seq bigserial PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('article', 'known')), article_id text NOT NULL,
    feed_url text NOT NULL, item_key text NOT NULL, payload jsonb NOT NULL, worker text NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  CREATE UNIQUE INDEX wd_queue_item ON wd_queue (feed_url, item_key);
  CREATE UNIQUE INDEX wd_queue_article ON wd_queue (article_id) WHERE kind = 'article';
  CREATE TABLE wd_reports (seq bigserial PRIMARY KEY, worker text NOT NULL, report jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE wd_passes (id bigserial PRIMARY KEY, started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz);
  CREATE UNIQUE INDEX wd_passes_one_open ON wd_passes ((true)) WHERE finished_at IS NULL;
  CREATE TABLE wd_grouper (
    id int PRIMARY KEY CHECK (id = 1), epoch bigint NOT NULL, owner text, since timestamptz,
    heartbeat_at timestamptz, committed bigint NOT NULL DEFAULT 0, lag_ms double precision
  );
  INSERT INTO wd_grouper (id, epoch) VALUES (1, 0);

  CREATE SEQUENCE wd_reader_seq;
  CREATE TABLE articles (
    id text PRIMARY KEY, seq bigint NOT NULL, removed boolean NOT NULL DEFAULT false,
    story_id text, duplicate_of text, title text, url text, canonical_url text, feed_url text, source text,
    language text, published_at timestamptz, fetched_at timestamptz, filed_day text, record jsonb
  );
  CREATE INDEX articles_by_seq ON articles (seq);
  CREATE INDEX articles_by_story ON articles (story_id);
  CREATE TABLE stories (
    id text PRIMARY KEY, seq bigint NOT NULL, removed boolean NOT NULL DEFAULT false,
    title text, size int, first_seen_at timestamptz, last_seen_at timestamptz, record jsonb
  );
  CREATE INDEX stories_by_seq ON stories (seq);

  -- One article's commit in one statement (so one round trip), fenced by the grouper's epoch. A
  -- commit retried after its answer was lost changes nothing: its intent is gone, so it stops early.
  CREATE FUNCTION wd_commit(c jsonb, fence bigint, consumed bigint, keep_intent boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE a jsonb;
  BEGIN
    IF fence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wd_grouper WHERE id = 1 AND epoch = fence) THEN
      RAISE EXCEPTION 'wiredesk: this grouper lost its role (epoch %)', fence USING ERRCODE = 'WD001';
    END IF;
    IF c->'index' <> 'null'::jsonb AND (NOT EXISTS (SELECT 1 FROM wd_intents WHERE article_id = c->>'articleId')
        OR EXISTS (SELECT 1 FROM wd_ix_log WHERE article_id = c->>'articleId')) THEN
      RETURN;
    END IF;
    FOR a IN SELECT * FROM jsonb_array_elements(c->'articles') LOOP
      INSERT INTO wd_catalog (id, filed_day, feed_url, source, title, duplicate_of, story_id, joined_seq, seen_at, also_in)
      VALUES (a->>'id', a->>'filedDay', a->>'feedUrl', a->>'source', a->>'title', a->>'duplicateOf', a->>'storyId',
              (a->>'joinedSeq')::bigint, a->>'seenAt', CASE WHEN jsonb_array_length(a->'alsoIn') = 0 THEN NULL ELSE a->'alsoIn' END)
      ON CONFLICT (id) DO UPDATE SET filed_day = excluded.filed_day, feed_url = excluded.feed_url, source = excluded.source,
        title = excluded.title, duplicate_of = excluded.duplicate_of, story_id = excluded.story_id,
        joined_seq = excluded.joined_seq, seen_at = excluded.seen_at, also_in = excluded.also_in;
    END LOOP;
    INSERT INTO wd_seen (feed_url, key, article_id, at)
      SELECT s->>'feedUrl', s->>'key', s->>'articleId', s->>'at' FROM jsonb_array_elements(c->'seen') s
      ON CONFLICT DO NOTHING;
    IF c->'urlValidators' <> 'null'::jsonb THEN
      INSERT INTO wd_url_validators (url, etag, last_modified, at)
      VALUES (c->'urlValidators'->>'url', c->'urlValidators'->'validators'->>'etag', c->'urlValidators'->'validators'->>'lastModified', c->>'at')
      ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, at = excluded.at;
    END IF;
    INSERT INTO wd_story_merges (story_id, merged)
      SELECT m->>'storyId', m->'merged' FROM jsonb_array_elements(c->'merges') m
      ON CONFLICT (story_id) DO UPDATE SET merged = excluded.merged;
    DELETE FROM wd_story_merges WHERE story_id IN (SELECT jsonb_array_elements_text(c->'endedStories'));
    IF c->'index' <> 'null'::jsonb THEN
      INSERT INTO wd_ix_log (article_id, changes) VALUES (c->>'articleId', c->'index');
    END IF;
    -- A group-committing grouper keeps the intent until its files are on disk (it clears a batch at once).
    IF NOT keep_intent THEN DELETE FROM wd_intents WHERE article_id = c->>'articleId'; END IF;
    IF consumed IS NOT NULL THEN DELETE FROM wd_queue WHERE seq = consumed; END IF;
  END $$;

  -- Replaces the story index's snapshot with the grouper's live index (deflated JSON) and drops the
  -- logged inputs it includes: a checkpoint (sqlite-story-index.ts explains the layout).
  CREATE FUNCTION wd_ix_checkpoint(fence bigint, snapshot bytea, live_articles int) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE last bigint;
  BEGIN
    IF fence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wd_grouper WHERE id = 1 AND epoch = fence) THEN
      RAISE EXCEPTION 'wiredesk: this grouper lost its role (epoch %)', fence USING ERRCODE = 'WD001';
    END IF;
    SELECT coalesce(max(seq), 0) INTO last FROM wd_ix_log;
    INSERT INTO wd_ix_snapshot (id, up_to, live, data) VALUES (1, last, live_articles, snapshot)
    ON CONFLICT (id) DO UPDATE SET up_to = excluded.up_to, live = excluded.live, data = excluded.data;
    DELETE FROM wd_ix_log WHERE seq <= last;
  END $$;

  -- Takes a host's lease for a worker when it is free, expired or already its own; says how long to
  -- wait before the first request (next fetch time, pause) or, when another worker holds it, until when.
  CREATE FUNCTION wd_claim_host(h text, worker text, lease_ms int, gap_ms int, OUT granted boolean, OUT wait_ms double precision, OUT holder text)
  LANGUAGE plpgsql AS $$
  DECLARE f wd_frontier;
  BEGIN
    INSERT INTO wd_frontier (host, gap_ms) VALUES (h, gap_ms) ON CONFLICT (host) DO NOTHING;
    SELECT * INTO f FROM wd_frontier WHERE host = h FOR UPDATE;
    IF f.lease_owner IS NULL OR f.lease_owner = worker OR f.lease_until < now() THEN
      UPDATE wd_frontier SET lease_owner = worker, lease_until = now() + lease_ms * interval '1 millisecond', gap_ms = wd_claim_host.gap_ms WHERE host = h;
      granted := true;
      wait_ms := greatest(0, extract(epoch FROM (greatest(f.next_fetch_at, coalesce(f.paused_until, f.next_fetch_at)) - now())) * 1000);
      holder := worker;
    ELSE
      granted := false;
      wait_ms := greatest(0, extract(epoch FROM (f.lease_until - now())) * 1000);
      holder := f.lease_owner;
    END IF;
  END $$;

  -- Gives a host back: the next request (by anyone) not before next_in_ms from now, nor inside a pause.
  CREATE FUNCTION wd_release_host(h text, worker text, next_in_ms double precision, pause_ms double precision) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE wd_frontier SET lease_owner = NULL, lease_until = NULL,
      next_fetch_at = greatest(next_fetch_at, now() + next_in_ms * interval '1 millisecond'),
      paused_until = CASE WHEN pause_ms > 0 THEN greatest(coalesce(paused_until, now()), now() + pause_ms * interval '1 millisecond') ELSE paused_until END
    WHERE host = h AND lease_owner = worker;
    IF FOUND THEN PERFORM pg_notify('wd_host', h); END IF;
  END $$;

  -- Queues an extracted article, or, when another feed's copy of it is queued already, the item as
  -- known (the grouper then names this feed in the article's alsoIn). Duplicates are ignored.
  CREATE FUNCTION wd_enqueue(k text, aid text, feed text, ikey text, p jsonb, w text) RETURNS text LANGUAGE plpgsql AS $$
  BEGIN
    IF k = 'article' THEN
      BEGIN
        INSERT INTO wd_queue (kind, article_id, feed_url, item_key, payload, worker) VALUES ('article', aid, feed, ikey, p, w);
        PERFORM pg_notify('wd_queue', '');
        RETURN 'article';
      EXCEPTION WHEN unique_violation THEN
        IF EXISTS (SELECT 1 FROM wd_queue WHERE feed_url = feed AND item_key = ikey) THEN RETURN 'duplicate'; END IF;
      END;
    END IF;
    INSERT INTO wd_queue (kind, article_id, feed_url, item_key, payload, worker)
      VALUES ('known', aid, feed, ikey, jsonb_build_object('source', p->'source'), w)
      ON CONFLICT DO NOTHING;
    PERFORM pg_notify('wd_queue', '');
    RETURN 'known';
  END $$;
  `,
  // 2: reader rows (articles, stories) written by one function, alone or inside an article's commit,
  // so the grouper's commit of an article is one statement with its rows.
  `
  CREATE FUNCTION wd_reader_rows(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE r jsonb; s bigint;
  BEGIN
    FOR r IN SELECT * FROM jsonb_array_elements(rows) LOOP
      s := NULL;
      IF r->>'t' = 'article' THEN
        INSERT INTO articles (id, seq, removed, story_id, duplicate_of, title, url, canonical_url, feed_url, source, language, published_at, fetched_at, filed_day, record)
        VALUES (r->>'id', nextval('wd_reader_seq'), false, r->>'storyId', r->>'duplicateOf', r->>'title', r->>'url', r->>'canonicalUrl', r->>'feedUrl', r->>'source',
                r->>'language', (r->>'publishedAt')::timestamptz, (r->>'fetchedAt')::timestamptz, r->>'filedDay', r->'record')
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, removed = false, story_id = excluded.story_id, duplicate_of = excluded.duplicate_of,
          title = excluded.title, url = excluded.url, canonical_url = excluded.canonical_url, feed_url = excluded.feed_url, source = excluded.source,
          language = excluded.language, published_at = excluded.published_at, fetched_at = excluded.fetched_at, filed_day = excluded.filed_day, record = excluded.record
        RETURNING seq INTO s;
        PERFORM pg_notify('wiredesk', 'article:' || (r->>'id') || ':' || s);
      ELSIF r->>'t' = 'story' THEN
        INSERT INTO stories (id, seq, removed, title, size, first_seen_at, last_seen_at, record)
        VALUES (r->>'id', nextval('wd_reader_seq'), false, r->>'title', (r->>'size')::int, (r->>'firstSeenAt')::timestamptz, (r->>'lastSeenAt')::timestamptz, r->'record')
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, removed = false, title = excluded.title, size = excluded.size,
          first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at, record = excluded.record
        RETURNING seq INTO s;
        PERFORM pg_notify('wiredesk', 'story:' || (r->>'id') || ':' || s);
      ELSIF r->>'t' = 'article-removed' THEN
        UPDATE articles SET removed = true, seq = nextval('wd_reader_seq') WHERE id = r->>'id' AND NOT removed RETURNING seq INTO s;
        IF s IS NOT NULL THEN PERFORM pg_notify('wiredesk', 'article:' || (r->>'id') || ':' || s); END IF;
      ELSIF r->>'t' = 'story-removed' THEN
        UPDATE stories SET removed = true, seq = nextval('wd_reader_seq') WHERE id = r->>'id' AND NOT removed RETURNING seq INTO s;
        IF s IS NOT NULL THEN PERFORM pg_notify('wiredesk', 'story:' || (r->>'id') || ':' || s); END IF;
      END IF;
    END LOOP;
  END $$;

  -- An article's commit with the reader rows its files were written with: one statement, one transaction.
  CREATE FUNCTION wd_commit_rows(c jsonb, fence bigint, consumed bigint, keep_intent boolean, rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF fence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wd_grouper WHERE id = 1 AND epoch = fence) THEN
      RAISE EXCEPTION 'wiredesk: this grouper lost its role (epoch %)', fence USING ERRCODE = 'WD001';
    END IF;
    PERFORM wd_reader_rows(rows);
    PERFORM wd_commit(c, fence, consumed, keep_intent);
  END $$;
  `,
  // 3: a story's expiry (its record's expiresAt: lastSeenAt plus the story window and memory) as a column, so
  // SQL readers can ask for the stories still open (WHERE expires_at > now()). Taken from the record by a trigger,
  // so wd_reader_rows (version 2) stays as it is; rows written before expiresAt existed keep null.
  `
  ALTER TABLE stories ADD COLUMN expires_at timestamptz;
  CREATE FUNCTION wd_story_expiry() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Only the form the crawler writes (toISOString): a value that would not cast must not fail the commit.
    NEW.expires_at := CASE WHEN NEW.record->>'expiresAt' ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' THEN (NEW.record->>'expiresAt')::timestamptz END;
    RETURN NEW;
  END $$;
  CREATE TRIGGER stories_expiry BEFORE INSERT OR UPDATE OF record ON stories FOR EACH ROW EXECUTE FUNCTION wd_story_expiry();
  UPDATE stories SET record = record WHERE record ? 'expiresAt';
  `,
];

/**
 * Creates or migrates the schema, once per database however many workers start together (an
 * advisory lock serialises them). A database written by a newer wiredesk is refused.
 */
export async function migratePg(client: PoolClient, location: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS wd_meta (key text PRIMARY KEY, value text NOT NULL)');
    const row = await client.query<{ value: string }>("SELECT value FROM wd_meta WHERE key = 'schema_version'");
    const version = row.rows[0] === undefined ? 0 : Number(row.rows[0].value);
    if (version > PG_SCHEMA_VERSION) {
      throw new WiredeskError('STATE_CORRUPT', `store: ${location} has schema version ${version}, newer than this wiredesk understands (${PG_SCHEMA_VERSION}); upgrade wiredesk`, {
        details: { path: location, version },
      });
    }
    for (let v = version; v < PG_SCHEMA_VERSION; v += 1) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[v] as string);
        await client.query("INSERT INTO wd_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(v + 1)]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
