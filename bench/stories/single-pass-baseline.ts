/**
 * The named baseline the story stage's speed is compared with (`--scale`): single-pass clustering
 * against story centroids, the textbook online grouping of Topic Detection and Tracking (Papka &
 * Allan 1998; Allan, Papka & Lavrenko 1998). Words by one Unicode regular expression, tf-idf over
 * the documents seen so far, and each article joins the most similar story active in the window
 * when the cosine reaches the threshold, else it starts one.
 *
 * It has none of the stage's work: no language identification, segmentation, stop lists, term
 * forms, copies, date marks, neighbour graph, cross-language links or story memory. The ratio of
 * the two, run on the same stream in the same process, says what the stage costs over the
 * textbook way of grouping; the machine's speed, which moves the stage's own rate by half between
 * days, moves both.
 */

/** Cosine at which an article joins a story (the stage links at 0.14 and forms stories at 0.2). */
const JOIN_SIMILARITY = 0.2;
/** Terms an article's vector keeps, strongest first (the stage keeps 80 too). */
const ARTICLE_TERMS = 80;
/** An article's strongest terms, whose postings name the stories it is compared with. */
const QUERY_TERMS = 10;
/** Terms a centroid keeps (pruned back to this when it holds half as many again): bounded like the stage's summaries. */
const CENTROID_TERMS = 100;
/** Articles between sweeps of the stories that left the window. */
const SWEEP_EVERY = 1_000;

const WORD = /[\p{L}\p{N}]+/gu;

interface Story {
  id: number;
  /** Sum of the members' unit vectors, strongest CENTROID_TERMS terms. */
  centroid: Map<string, number>;
  /** The centroid's squared length, kept as it changes. */
  norm2: number;
  last: number;
}

export interface SinglePassBaseline {
  /** Groups one article; returns its story's number. */
  assign(title: string, text: string, time: number): number;
  /** Stories active in the window. */
  readonly stories: number;
}

export function createSinglePassBaseline(windowHours: number): SinglePassBaseline {
  const windowMs = windowHours * 3_600_000;
  // Unbounded, as the textbook keeps it: the scale stream's vocabulary is bounded (30,000 made-up
  // words per language), so it stops growing there; the stage's own table is bounded for a crawl.
  const df = new Map<string, number>();
  const stories = new Map<number, Story>();
  const postings = new Map<string, Set<Story>>();
  let docs = 0;
  let nextId = 0;
  let sinceSweep = 0;

  function sweep(cutoff: number): void {
    for (const story of stories.values()) {
      if (story.last >= cutoff) continue;
      stories.delete(story.id);
      for (const term of story.centroid.keys()) unpost(term, story);
    }
  }

  function unpost(term: string, story: Story): void {
    const list = postings.get(term);
    if (list === undefined) return;
    list.delete(story);
    if (list.size === 0) postings.delete(term);
  }

  function post(term: string, story: Story): void {
    const list = postings.get(term);
    if (list === undefined) postings.set(term, new Set([story]));
    else list.add(story);
  }

  /** The article's unit tf-idf vector, its ARTICLE_TERMS strongest terms, strongest first. */
  function vectorOf(title: string, text: string): [string, number][] {
    const counts = new Map<string, number>();
    for (const word of `${title} ${text}`.toLowerCase().match(WORD) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    docs += 1;
    const vector: [string, number][] = [];
    for (const [term, count] of counts) {
      const seen = (df.get(term) ?? 0) + 1;
      df.set(term, seen);
      const weight = (1 + Math.log(count)) * Math.log((docs + 1) / seen);
      if (weight > 0) vector.push([term, weight]);
    }
    const kept = vector.sort((a, b) => b[1] - a[1]).slice(0, ARTICLE_TERMS);
    const norm = Math.sqrt(kept.reduce((sum, [, weight]) => sum + weight * weight, 0));
    return kept.map(([term, weight]): [string, number] => [term, weight / norm]);
  }

  function cosine(vector: readonly [string, number][], story: Story): number {
    let dot = 0;
    for (const [term, weight] of vector) {
      const theirs = story.centroid.get(term);
      if (theirs !== undefined) dot += weight * theirs;
    }
    return story.norm2 === 0 ? 0 : dot / Math.sqrt(story.norm2);
  }

  function join(story: Story, vector: readonly [string, number][], time: number): void {
    story.last = Math.max(story.last, time);
    for (const [term, weight] of vector) {
      const had = story.centroid.get(term);
      const sum = (had ?? 0) + weight;
      story.centroid.set(term, sum);
      story.norm2 += sum * sum - (had ?? 0) * (had ?? 0);
      if (had === undefined) post(term, story);
    }
    if (story.centroid.size <= CENTROID_TERMS * 1.5) return;
    const ranked = [...story.centroid].sort((a, b) => b[1] - a[1]);
    for (const [term] of ranked.slice(CENTROID_TERMS)) unpost(term, story);
    const kept = ranked.slice(0, CENTROID_TERMS);
    story.centroid = new Map(kept);
    story.norm2 = kept.reduce((sum, [, weight]) => sum + weight * weight, 0);
  }

  return {
    assign(title, text, time) {
      const cutoff = time - windowMs;
      sinceSweep += 1;
      if (sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        sweep(cutoff);
      }
      const vector = vectorOf(title, text);
      const query = vector.slice(0, QUERY_TERMS);
      const compared = new Set<Story>();
      let best: Story | null = null;
      let bestSimilarity = JOIN_SIMILARITY;
      for (const [term] of query) {
        for (const story of postings.get(term) ?? []) {
          if (compared.has(story) || story.last < cutoff) continue;
          compared.add(story);
          const similarity = cosine(vector, story);
          if (similarity >= bestSimilarity) {
            best = story;
            bestSimilarity = similarity;
          }
        }
      }
      if (best === null) {
        best = { id: nextId, centroid: new Map(), norm2: 0, last: time };
        nextId += 1;
        stories.set(best.id, best);
      }
      join(best, vector, time);
      return best.id;
    },
    get stories() {
      return stories.size;
    },
  };
}
