import { WiredeskError } from '../errors/index.js';
import { resolveLanguage } from './article-language.js';
import { LanguageFrequencies } from './language-frequencies.js';
import { bottomK, DuplicateFinder, LEAD_WORDS, OPENING_WORDS, SKETCH_SIZE, U32Slabs, wordHashes, wordHashesOf, type FingerprintEntry } from './duplicate-finder.js';
import { normalizeText } from './normalize-text.js';
import { hammingDistance64, hash64ToBigInt, shinglesOf, simhashShingles, simhashToHex, tokenHashes } from './simhash.js';
import { planCommunities } from './story-communities.js';
import { StoryGraph, type ArticleNode, type GraphStory, type Link } from './story-graph.js';
import type {
  StoryAssignment,
  StoryMove,
  StoryDoc,
  StoryIndexOptions,
  StoryIndexSnapshot,
  StoryTuning,
} from './story-index-types.js';
import { normalizeVector, tfidfOf, WEIGHT_SCALE, type TermVector } from './story-vector.js';
import { ArticleTerms } from './article-terms.js';
import { keyHash, WeightedKeys } from './weighted-keys.js';
import { tokenizeText, type TokenStream } from './tokenize-text.js';
import { packTokenStreams, unpackTokenStream } from './packed-tokens.js';
import { similarityScaleOf, termReaderFor } from './term-forms.js';
import { conflictingKinds, markCounts, type MarkCounts } from './story-marks.js';
import { TimeQueue } from './time-queue.js';
import { StoryMemory } from './story-memory.js';
import { crossLanguageVector, isWholeWordLanguage, NameIndex } from './cross-language.js';
import { corrupt, entrySnapshot, snapshotParts } from './story-snapshot.js';
import { readStoryImage, writeStoryImage, type ImageLinks, type ImageNode, type ImageParts, type StoryIndexImage, type WrittenImageParts } from './story-image.js';
import { DEFAULT_MEMORY_DAYS, DEFAULT_STORY_TUNING } from './story-tuning.js';
import { storyDocTime } from './story-time.js';
import { RestoredArticle } from './restored-article.js';
import { RestoredLinks } from './restored-links.js';
import type { StoryIndexTrace } from './story-replay.js';
import type { CommunityPlan } from './story-communities.js';

export { DEFAULT_MEMORY_DAYS, DEFAULT_STORY_TUNING } from './story-tuning.js';
export { parseStoryTime, storyDocTime } from './story-time.js';


/** Title words that say nothing about whether two titles agree (agency credits come and go). */
const STOP_TITLE: ReadonlySet<string> = new Set(['reuters', 'ap', 'afp', 'dpa', 'update', 'updated', 'breaking', 'exclusive', 'video', 'photos']);


/** Incremental story grouping; see createStoryIndex. */
export interface StoryIndex {
  /**
   * Assigns one article (deterministic for a given input order). With `trace` (replay: what
   * `lastTrace` gave after this same input on this same state), the searches' results are taken
   * from it instead of searching again.
   */
  assign(doc: StoryDoc, trace?: StoryIndexTrace | null): StoryAssignment;
  /** What the last `assign` found by searching (story-replay.ts), to log with its input; null when it searched nothing (an article already in the window) or after `adopt`. */
  lastTrace(): StoryIndexTrace | null;
  /**
   * Takes in an article already placed (rebuilding the index from stored articles): it keeps its
   * story and original, and is linked to its neighbours so later articles can join it.
   */
  adopt(doc: StoryDoc, placement: StoryPlacement): StoryAssignment;
  /** JSON-serialisable state, bounded by the window; restoring it continues exactly. */
  snapshot(): StoryIndexSnapshot;
  /**
   * The same state as a compact binary image (story-image.ts), encoded now: restoring it continues
   * exactly, and neither side builds a JSON string or a tree of tuples.
   */
  image(): StoryIndexImage;
}

const HOUR_MS = 3_600_000;
/**
 * Articles whose stories are redrawn from scratch per new article at most; past this only the
 * newcomer's neighbourhood is relabelled (a story of thousands of reports is not re-split on
 * every arrival, which keeps the cost per article bounded).
 */
const REGION_LIMIT = 400;

/** A window member: a graph article, or a copy by its id (copies follow their original's story); no wrapper object per member. */
type Member = ArticleNode | string;

/**
 * Creates the story index: duplicates by simhash + containment, stories as communities of a
 * nearest-neighbour graph of tf-idf similarities within the time window, optionally restored from
 * a snapshot. Pure: no files, no clock.
 */
export function createStoryIndex(options: StoryIndexOptions, initial: StoryIndexSnapshot | StoryIndexImage | null = null): StoryIndex {
  if (!(options.windowHours > 0)) throw new WiredeskError('CONFIG_INVALID', 'fingerprint: windowHours must be positive', { details: { field: 'stories.windowHours' } });
  const tuning: StoryTuning = { ...DEFAULT_STORY_TUNING, ...options.tuning };
  const windowMs = options.windowHours * HOUR_MS;
  const memoryMs = (options.memoryDays ?? DEFAULT_MEMORY_DAYS) * 24 * HOUR_MS;
  const kindFactors = { y: tuning.yearConflictFactor, m: tuning.monthConflictFactor, d: tuning.weekdayConflictFactor, n: tuning.figureConflictFactor };
  const parts = initial == null ? null : isImage(initial) ? readImage(initial) : snapshotParts(initial);
  const finder = new DuplicateFinder(tuning.duplicateDistance, tuning.duplicateContainment);
  /** Where the fingerprints' sketches and word hashes are kept (shared slabs, not a buffer each). */
  const slabs = new U32Slabs();
  const graph = new StoryGraph(tuning.neighbours);
  const memory = new StoryMemory();
  const names = new NameIndex();
  const df = new LanguageFrequencies(parts?.df ?? null);
  /** One original article's counts, in tables reused from article to article (article-terms.ts). */
  const articleTerms = new ArticleTerms();
  /** Where a whole-word language's cross-language keys are summed (crossLanguageVector), reused. */
  const crossKeys = new WeightedKeys();
  /** The keyHashes (weighted-keys.ts) of the title's and the body's tokens, reused; the body's come with its token hashes. */
  let titleKeys = new Int32Array(64);
  let bodyKeys = new Int32Array(1024);
  const stories = new Map<string, GraphStory>();
  const nodes = new Map<string, ArticleNode>();
  /** Live copies: the story they are in and the graph article they follow (null: it left the window). */
  const copies = new Map<string, { story: GraphStory; original: ArticleNode | null }>();
  const queue = new TimeQueue<Member>();
  // The story of an article being placed; never stored.
  const pending: GraphStory = { id: '', seq: Number.MAX_SAFE_INTEGER, nodes: new Set(), copies: new Set() };
  let now = parts?.header.now ?? -Infinity;
  let nextSeq = parts?.header.nextSeq ?? 0;
  let nextNode = parts?.header.nextNode ?? 0;
  let lastSweep = now;
  /** The searches of the last assignment (lastTrace). */
  let trace: StoryIndexTrace | null = null;
  /** False when the assignment found something a trace cannot name (it is then logged without one). */
  let traceable = true;
  /** The title and body streams of the last assignment that read its text (lastTrace packs them). */
  let streams: [TokenStream, TokenStream] | null = null;
  /** Live graph articles by arrival order, built when a replay first names one (traces name articles so). */
  let seqIndex: Map<number, ArticleNode> | null = null;
  if (parts !== null) restore(parts);

  /** Lets go of everything older than the window: its links, its story membership, its copies. */
  function evict(cutoff: number): void {
    for (const member of queue.popBefore(cutoff)) {
      if (typeof member !== 'string') {
        const node = member;
        graph.remove(node);
        names.remove(node);
        if (memoryMs > 0) memory.remember(node);
        node.story.nodes.delete(node);
        if (nodes.get(node.id) === node) nodes.delete(node.id);
        seqIndex?.delete(node.seq);
        for (const id of node.copies) {
          const copy = copies.get(id);
          if (copy !== undefined) copy.original = null;
        }
        endIfEmpty(node.story);
      } else {
        const copy = copies.get(member);
        if (copy === undefined) continue;
        copies.delete(member);
        copy.story.copies.delete(member);
        if (copy.original !== null) copy.original.copies = copy.original.copies.filter((id) => id !== member);
        endIfEmpty(copy.story);
      }
    }
    if (now - lastSweep >= windowMs / 8) sweep(cutoff);
  }

  /** Lets go of fingerprints that left the window and of stories past the memory. */
  function sweep(cutoff: number): void {
    finder.evict(cutoff);
    for (const entry of memory.expire(cutoff - memoryMs)) endIfEmpty(entry.anchor.story);
    lastSweep = now;
  }

  function endIfEmpty(story: GraphStory): void {
    if (story.nodes.size === 0 && story.copies.size === 0 && !memory.has(story) && stories.get(story.id) === story) stories.delete(story.id);
  }

  function assign(doc: StoryDoc, placement: StoryPlacement | null = null, given: StoryIndexTrace | null = null): StoryAssignment {
    trace = null;
    traceable = true;
    streams = null;
    const time = storyDocTime(doc);
    now = Math.max(now, time);
    const cutoff = now - windowMs;
    evict(cutoff);
    const known = finder.get(doc.id);
    if (known !== undefined && known.time >= cutoff) return { ...known.assignment, storyId: known.storyId, openUntil: openUntil(known.time), merged: [], moved: [], ended: [] };

    // Detected on the text as written: folding Arabic letters to their Persian forms (normalizeText) makes Arabic look Persian.
    const language = given !== null ? given.language : resolveLanguage(doc.title, doc.text, doc.language, options.languageDetector).language;
    const found: StoryIndexTrace | null = placement === null ? { language, duplicate: null, links: [], plans: [] } : null;
    // A replay given the tokens reads them back (the logged doc has no text then).
    const packed = given?.tokens;
    const title = packed !== undefined ? unpackTraced(packed[0], packed[2]) : tokenizeText(normalizeText(doc.title), options.aliases, language);
    const body = packed !== undefined ? unpackTraced(packed[1], packed[3]) : tokenizeText(normalizeText(doc.text), options.aliases, language);
    streams = [title, body];
    // The body's token hashes serve its shingles and its lead and opening words alike.
    if (body.tokens.length > bodyKeys.length) bodyKeys = new Int32Array(2 * body.tokens.length);
    const bodyHashes = tokenHashes(body.tokens, body.tokens.length, bodyKeys);
    const shingles = shinglesOf(body.tokens.length > 0 ? bodyHashes : tokenHashes(title.tokens, title.tokens.length));
    const hash = simhashShingles(shingles);
    const titleTokens = title.tokens.filter((t) => !STOP_TITLE.has(t));
    const titleWords = wordHashes(titleTokens, titleTokens.length, slabs);
    const leadWords = wordHashesOf(bodyHashes, LEAD_WORDS, slabs);
    const openingWords = wordHashesOf(bodyHashes, OPENING_WORDS, slabs);
    const probe = { hash, sketch: bottomK(shingles, SKETCH_SIZE, slabs), shingles: shingles.length, time, cutoff, words: body.tokens.length, titleWords, leadWords, openingWords };
    const simhash = simhashToHex(hash64ToBigInt(hash));
    const nonArticle = typeof doc.nonArticle === 'string' && doc.nonArticle !== '';

    // An interstitial page (cookie wall, bot check, paywall teaser) is never a copy of anything.
    const original = placement?.duplicateOf == null ? undefined : finder.get(placement.duplicateOf);
    const adopted = original === undefined ? null : { entry: original, distance: hammingDistance64(hash, original.hash) };
    const duplicate = nonArticle ? null : placement !== null ? adopted : given !== null ? givenDuplicate(given) : finder.find(probe, windowMs);
    let result: StoryAssignment;
    if (duplicate !== null) {
      if (found !== null) found.duplicate = [duplicate.entry.id, duplicate.distance];
      result = { simhash, ...placeCopy(doc.id, time, duplicate.entry), distance: duplicate.distance, similarity: null, reason: 'duplicate', via: null, language, openUntil: '', merged: [], moved: [], ended: [] };
    } else {
      const reader = termReaderFor(language);
      // A language cut shorter than others meets them through its 5-character forms (term-forms.ts crossTerm).
      if (title.tokens.length > titleKeys.length) titleKeys = new Int32Array(2 * title.tokens.length);
      for (let i = 0; i < title.tokens.length; i += 1) titleKeys[i] = keyHash(title.tokens[i] as string);
      articleTerms.count(title, body, tuning, reader, titleKeys, bodyKeys);
      const { terms, cross } = articleTerms;
      // A syndicated copy would count the same words twice and make the story's own names look
      // common, so only originals are counted; counted here with the idf lookup (nothing below
      // reads the table before the next article).
      const idfs = df.idfAndAdd(language, terms.keys, terms.size, terms.hashes);
      const vector = tfidfOf(terms.keys, terms.weights, terms.size, idfs, tuning.maxDocTerms, WEIGHT_SCALE);
      const marks = markCounts(title, body, tuning.markLeadTokens);
      // A language with cross-language keys meets others on its keys' vector; where
      // crossLanguageVector would only cut that to its strongest keptTerms, tfidfOf cuts it (no Map
      // of the whole vector). A whole-word language's terms are merged into keys there.
      const whole = isWholeWordLanguage(language);
      const keyed = articleTerms.hasCross ? tfidfOf(cross.keys, cross.weights, cross.size, articleTerms.crossIdfs(idfs), tuning.maxDocTerms, WEIGHT_SCALE, whole ? Infinity : tuning.keptTerms) : vector;
      const nameTerms = articleTerms.hasCross && !whole ? keyed : crossLanguageVector(keyed, language, tuning.keptTerms, crossKeys);
      const placed = placement === null ? placeArticle(doc.id, time, language, vector, nameTerms, marks, given, found as StoryIndexTrace) : keepArticle(doc.id, time, language, vector, nameTerms, marks, placement.storyId);
      result = { simhash, duplicateOf: null, distance: null, language, openUntil: '', ...placed };
    }
    result.openUntil = openUntil(time);
    const { storyId: _s, merged: _m, moved: _v, ended: _e, openUntil: _o, ...assignment } = result;
    finder.add({ id: doc.id, hash, time, storyId: result.storyId, assignment, shingles: shingles.length, sketch: probe.sketch, words: probe.words, titleWords, leadWords, openingWords, nonArticle });
    trace = traceable ? found : null;
    return result;
  }

  /** The duplicate a trace names (it is in the window: the replayed state is the one that found it). */
  function givenDuplicate(given: StoryIndexTrace): { entry: FingerprintEntry; distance: number } | null {
    if (given.duplicate === null) return null;
    const entry = finder.get(given.duplicate[0]);
    if (entry === undefined) throw corrupt(`a logged input names a duplicate ${JSON.stringify(given.duplicate[0])} that is not in the window`);
    return { entry, distance: given.duplicate[1] };
  }

  /** A live graph article by arrival order, or a remembered story's anchor by story id (as traces name them). */
  function tracedNode(ref: number | string): ArticleNode {
    let node: ArticleNode | undefined;
    if (typeof ref === 'string') {
      const story = stories.get(ref);
      node = story === undefined ? undefined : liveAnchor(story);
    } else {
      if (seqIndex === null) {
        seqIndex = new Map();
        for (const n of nodes.values()) seqIndex.set(n.seq, n);
      }
      node = seqIndex.get(ref);
    }
    if (node === undefined || !node.live) throw corrupt(`a logged input names ${JSON.stringify(ref)}, which is not in the window`);
    return node;
  }

  /** A copy joins its original's story and follows it when it moves; it adds nothing to the graph. */
  function placeCopy(id: string, time: number, entry: FingerprintEntry): { storyId: string; duplicateOf: string } {
    const originalId = entry.assignment.duplicateOf ?? entry.id;
    const original = nodes.get(originalId) ?? null;
    let story = original?.story ?? stories.get(entry.storyId);
    if (story === undefined) {
      story = createStory(id);
    }
    story.copies.add(id);
    copies.set(id, { story, original });
    original?.copies.push(id);
    queue.push(time, id);
    return { storyId: story.id, duplicateOf: originalId };
  }

  /**
   * Puts an article back where it already was (rebuild): linked to its neighbours like any other,
   * but in the story its record names, without redrawing anything.
   */
  function keepArticle(id: string, time: number, language: string, vector: TermVector, nameTerms: TermVector, marks: MarkCounts, storyId: string): Pick<StoryAssignment, 'storyId' | 'similarity' | 'reason' | 'via' | 'merged' | 'moved' | 'ended'> {
    let story = stories.get(storyId);
    if (story === undefined) {
      const seq = storySeqOf(storyId) ?? nextSeq;
      story = { id: storyId, seq, nodes: new Set(), copies: new Set() };
      nextSeq = Math.max(nextSeq, seq + 1);
      stories.set(storyId, story);
    }
    const kept = vector.size > tuning.keptTerms ? normalizeVector(vector, tuning.keptTerms, WEIGHT_SCALE) : vector;
    const node: ArticleNode = { id, seq: nextNode, time, language, vector: kept, names: nameTerms, marks, knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
    nextNode += 1;
    graph.add(node, graph.candidates(vector, (other, cosine) => linkSimilarity(node, other, cosine)));
    names.add(node);
    story.nodes.add(node);
    nodes.set(id, node);
    seqIndex?.set(node.seq, node);
    queue.push(time, node);
    let similarity: number | null = null;
    for (const [other, sim] of node.links) if (other.story === story && (similarity === null || sim > similarity)) similarity = sim;
    return { storyId, similarity: similarity === null ? null : round(similarity), reason: story.nodes.size + story.copies.size > 1 ? 'similar' : 'new', via: null, merged: [], moved: [], ended: [] };
  }

  /**
   * Links an original article to its nearest neighbours, then redraws the stories its links touch
   * (story-communities.ts) and reports the articles that moved.
   */
  function placeArticle(
    id: string,
    time: number,
    language: string,
    vector: TermVector,
    nameTerms: TermVector,
    marks: MarkCounts,
    given: StoryIndexTrace | null,
    found: StoryIndexTrace,
  ): Pick<StoryAssignment, 'storyId' | 'similarity' | 'reason' | 'via' | 'merged' | 'moved' | 'ended'> {
    const kept = vector.size > tuning.keptTerms ? normalizeVector(vector, tuning.keptTerms, WEIGHT_SCALE) : vector;
    const node: ArticleNode = { id, seq: nextNode, time, language, vector: kept, names: nameTerms, marks, knn: [], links: new Map(), story: pending, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
    nextNode += 1;
    const linked = given === null ? findLinks(node, vector) : given.links.map(([ref, similarity]): Link => ({ node: tracedNode(ref), similarity }));
    found.links = linked.map((l) => [l.node.memory === true ? l.node.story.id : l.node.seq, l.similarity]);
    // A story has one remembered entry, so a trace names its anchor by the story; should it hold two
    // (images from before merged memories), this input is logged without a trace (replayed by searching).
    if (linked.some((l) => l.node.memory === true && liveAnchor(l.node.story) !== l.node)) traceable = false;
    const touched = graph.add(node, linked);
    names.add(node);
    nodes.set(id, node);
    seqIndex?.set(node.seq, node);
    queue.push(time, node);
    const plans = given === null ? redraw(node, touched) : given.plans.map(([storyId, seqs]): CommunityPlan => ({ story: storyId === null ? null : tracedStory(storyId), members: seqs.map(tracedNode) }));

    const moved: StoryMove[] = [];
    const received = new Map<GraphStory, Map<GraphStory, number>>();
    for (const plan of plans) {
      const story = plan.story ?? createStory((plan.members[0] as ArticleNode).id);
      const movers: number[] = [];
      for (const member of plan.members) {
        const from = member.story;
        if (from === story) continue;
        movers.push(member.seq);
        from.nodes.delete(member);
        story.nodes.add(member);
        member.story = story;
        if (from === pending) continue;
        const into = received.get(from) ?? new Map<GraphStory, number>();
        into.set(story, (into.get(story) ?? 0) + 1);
        received.set(from, into);
        for (const articleId of [member.id, ...member.copies]) {
          moved.push({ articleId, from: from.id, to: story.id });
          finder.move(articleId, story.id);
          const copy = copies.get(articleId);
          if (copy !== undefined) {
            from.copies.delete(articleId);
            story.copies.add(articleId);
            copy.story = story;
          }
        }
      }
      if (movers.length > 0) found.plans.push([plan.story === null ? null : story.id, movers]);
    }
    const ended: { storyId: string; into: string }[] = [];
    for (const [from, into] of received) {
      if (from.nodes.size > 0 || from.copies.size > 0) continue;
      stories.delete(from.id);
      const target = [...into].sort((a, b) => b[1] - a[1] || a[0].seq - b[0].seq)[0]?.[0] as GraphStory;
      memory.move(from, target);
      ended.push({ storyId: from.id, into: target.id });
    }
    const story = node.story;
    let similarity: number | null = null;
    let throughMemory = false;
    let sameLanguage = false;
    let otherLanguage = false;
    const linkSimilarities = node.links.values();
    for (const other of node.links.keys()) {
      const s = linkSimilarities.next().value as number;
      if (other.story !== story) continue;
      if (similarity === null || s > similarity) similarity = s;
      if (other.memory === true) throughMemory = true;
      else if (other.language === language || other.language === 'und' || language === 'und') sameLanguage = true;
      else otherLanguage = true;
    }
    return {
      storyId: story.id,
      similarity: similarity === null ? null : round(similarity),
      reason: story.nodes.size + story.copies.size > 1 || throughMemory ? 'similar' : 'new',
      via: sameLanguage ? null : throughMemory ? 'memory' : otherLanguage ? 'cross-language' : null,
      merged: ended.filter((e) => e.into === story.id).map((e) => e.storyId),
      moved,
      ended,
    };
  }

  /**
   * The newcomer's links, strongest first: its nearest articles in the graph, articles in other
   * languages sharing its names, and remembered stories.
   */
  function findLinks(node: ArticleNode, vector: TermVector): Link[] {
    const { time } = node;
    const linked = graph.candidates(vector, (other, cosine) => linkSimilarity(node, other, cosine));
    const across = names.candidates(node, (other, cosine) => (Math.abs(time - other.time) <= windowMs && cosine >= tuning.crossLanguageSimilarity ? cosine * tuning.crossLanguageWeight : null));
    for (const link of across) {
      const at = linked.findIndex((l) => l.node === link.node);
      if (at < 0) linked.push(link);
      else if ((linked[at] as { similarity: number }).similarity < link.similarity) linked[at] = link;
    }
    if (memoryMs > 0) linked.push(...memory.candidates(vector, (anchor, cosine, members) => (time - anchor.time <= windowMs + memoryMs && cosine >= memoryBar(members) ? cosine : null)));
    if (across.length > 0 || memoryMs > 0) linked.sort((a, b) => b.similarity - a.similarity || a.node.seq - b.node.seq);
    return linked;
  }

  /**
   * The communities of the region a newcomer (already linked) touches: the stories of its own and
   * its changed neighbours' lists, redrawn whole while small enough, else its neighbourhood only.
   */
  function redraw(node: ArticleNode, touched: Set<ArticleNode>): CommunityPlan[] {
    const affected = new Set<GraphStory>();
    for (const { node: other } of node.knn) affected.add(other.story);
    for (const other of touched) affected.add(other.story);
    let size = 1;
    for (const story of affected) size += story.nodes.size;
    const fresh = size <= REGION_LIMIT;
    const region = new Set<ArticleNode>([node]);
    if (fresh) for (const story of affected) for (const member of story.nodes) region.add(member);
    else for (const other of [...node.links.keys(), ...touched]) if (other.memory !== true) region.add(other);
    return planCommunities(bySeq(region), fresh, (story) => story === pending, tuning.pairSimilarity);
  }

  /** The remembered story's entry that traces name it by (the first live one). */
  function liveAnchor(story: GraphStory): ArticleNode | undefined {
    return memory.anchorsOf(story).find((anchor) => anchor.live);
  }

  /** A story a trace names (in the window: the replayed state is the one that redrew it). */
  function tracedStory(id: string): GraphStory {
    const story = stories.get(id);
    if (story === undefined) throw corrupt(`a logged input names a story ${JSON.stringify(id)} that is not in the window`);
    return story;
  }

  /**
   * The bar of a link to a remembered story: memorySimilarity, but a remembered single article
   * and the newcomer would make a story of two whose only link this is, so it must also say "same
   * event" (pairSimilarity), as any story's strongest link must.
   */
  function memoryBar(members: number): number {
    return members >= 2 ? tuning.memorySimilarity : Math.max(tuning.memorySimilarity, tuning.pairSimilarity);
  }

  /** Until when a story whose latest report is at `time` can be joined: the window, then the story memory. */
  function openUntil(time: number): string {
    return new Date(time + windowMs + memoryMs).toISOString();
  }

  function createStory(firstArticleId: string): GraphStory {
    const story: GraphStory = { id: storyIdFor(firstArticleId, nextSeq), seq: nextSeq, nodes: new Set(), copies: new Set() };
    nextSeq += 1;
    stories.set(story.id, story);
    return story;
  }

  /**
   * The link similarity of two articles: their cosine, discounted where their dates contradict
   * each other; null below the threshold or when they lie further apart than the window.
   * Dates in a text are anchored to when it was written: a report published weeks later names
   * later days and months of the same affair, so dates only count within markConflictHours.
   */
  function linkSimilarity(a: ArticleNode, b: ArticleNode, cosine: number): number | null {
    const apart = Math.abs(a.time - b.time);
    if (apart > windowMs) return null;
    // Languages whose reports of one event share fewer words are put on English's scale (term-forms.ts).
    let similarity = a.language === b.language ? cosine * similarityScaleOf(a.language) : cosine;
    if (apart <= tuning.markConflictHours * HOUR_MS) for (const kind of conflictingKinds(a.marks, b.marks, tuning.markMinMentions)) similarity *= kindFactors[kind];
    return similarity >= tuning.linkSimilarity ? similarity : null;
  }

  function snapshot(): StoryIndexSnapshot {
    liveWindow();
    return {
      version: 3,
      windowHours: options.windowHours,
      now: Number.isFinite(now) ? new Date(now).toISOString() : null,
      nextSeq,
      nextNode,
      df: { docs: 0, terms: [] },
      languageDf: df.snapshot(),
      fingerprints: [...finder.entries()].map(entrySnapshot),
      stories: [...stories.values()].map((s) => ({ id: s.id, seq: s.seq })),
      nodes: [...nodes.values()].map((n) => ({
        id: n.id,
        seq: n.seq,
        time: new Date(n.time).toISOString(),
        storyId: n.story.id,
        language: n.language,
        vector: [...n.vector],
        names: [...(n.names ?? [])],
        marks: [...n.marks],
        knn: n.knn.filter((l) => l.node.memory !== true).map((l): [string, number] => [l.node.id, l.similarity]),
        memoryKnn: n.knn.filter((l) => l.node.memory === true).map((l): [string, number] => [l.node.story.id, l.similarity]),
      })),
      memory: memory.snapshot(),
    };
  }

  /** The live window as image parts (after letting go of what left it), for `snapshot` and `image`. */
  function liveWindow(): void {
    if (Number.isFinite(now)) {
      evict(now - windowMs);
      sweep(now - windowMs);
    }
  }

  function image(): StoryIndexImage {
    liveWindow();
    const entries = [...finder.entries()];
    const remembered = memory.entries();
    const parts: WrittenImageParts = {
      header: { windowHours: options.windowHours, now, nextSeq, nextNode, live: entries.length },
      df: df.snapshot(),
      stories: { count: stories.size, items: [...stories.values()].map((s) => ({ id: s.id, seq: s.seq })) },
      memory: { count: remembered.length, items: remembered.map((e) => ({ storyId: e.anchor.story.id, time: e.lastTime, members: e.members, sum: e.sum, recent: e.recent, anchorSeq: e.anchor.seq })) },
      nodes: {
        count: nodes.size,
        items: {
          *[Symbol.iterator]() {
            for (const n of nodes.values()) yield imageNode(n);
          },
        },
      },
      fingerprints: { count: entries.length, items: entries },
    };
    // Encoded as the blocks are taken: the caller writes them before the index takes another input.
    return { live: entries.length, blocks: writeStoryImage(parts) };
  }

  function imageNode(n: ArticleNode): ImageNode {
    const knn: [string, number][] = [];
    const memoryKnn: [string, number][] = [];
    const add = (other: ArticleNode, similarity: number): void => {
      if (other.memory === true) memoryKnn.push([other.story.id, similarity]);
      else knn.push([other.id, similarity]);
    };
    if (n instanceof RestoredArticle) n.forEachKnn(add);
    else for (const l of n.knn) add(l.node, l.similarity);
    // A restored article's vectors are written from their packed form (no Map built per checkpoint).
    if (n instanceof RestoredArticle) return { id: n.id, seq: n.seq, time: n.time, storyId: n.story.id, language: n.language, vector: n.view('vector'), names: n.view('names'), marks: n.view('marks'), knn, memoryKnn };
    return { id: n.id, seq: n.seq, time: n.time, storyId: n.story.id, language: n.language, vector: n.vector, names: n.names ?? new Map(), marks: n.marks, knn, memoryKnn };
  }

  /**
   * Rebuilds the window from an image or a snapshot (read in order: stories, remembered stories,
   * graph articles, fingerprints). A version 1 snapshot (story centroids, no graph) keeps its
   * fingerprints and story ids: its articles stay members of their stories (copies of them are
   * still found) but take no part in the graph.
   */
  function restore(parts: ImageParts): void {
    for (const s of parts.stories.items) stories.set(s.id, { id: s.id, seq: s.seq, nodes: new Set(), copies: new Set() });
    const storyOf = (id: unknown, of: string): GraphStory => {
      const story = typeof id === 'string' ? stories.get(id) : undefined;
      if (story === undefined) throw corrupt(`${of} names an unknown story ${JSON.stringify(id)}`);
      return story;
    };
    const anchors = new Map<string, ArticleNode>();
    for (const m of parts.memory.items) {
      const anchor = memory.restore(m, storyOf(m.storyId, `remembered story ${m.storyId}`), 'und');
      if (!anchors.has(m.storyId)) anchors.set(m.storyId, anchor);
    }
    const read: ArticleNode[] = [];
    const tuples: { knn: [string, number][]; memoryKnn: [string, number][] }[] = [];
    /** Per article read (version 6): its id's term number, where its links start, how many of each kind (ImageLinks). */
    const packedLinks: number[] = [];
    for (const n of parts.nodes.items) {
      const story = storyOf(n.storyId, `article ${n.id}`);
      const node: ArticleNode =
        n.vector instanceof Map
          ? { id: n.id, seq: n.seq, time: n.time, language: n.language, vector: n.vector, names: n.names as TermVector, marks: n.marks as MarkCounts, knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 }
          : new RestoredArticle(n.id, n.seq, n.time, n.language, story, n.vector.packed);
      story.nodes.add(node);
      nodes.set(n.id, node);
      read.push(node);
      if (n.packedLinks === undefined) tuples.push({ knn: n.knn, memoryKnn: n.memoryKnn });
      else packedLinks.push(n.packedLinks.idTerm, n.packedLinks.at, n.packedLinks.knn, n.packedLinks.memory);
    }
    const order = seqOrder(read);
    const restored = order.map((i) => read[i] as ArticleNode);
    // Image articles' lists are kept as the image holds them until read (restored-links.ts).
    const lazy = restored.every((node) => node instanceof RestoredArticle) ? new RestoredLinks(restored) : null;
    if (lazy !== null) graph.postAllRestored(restored as RestoredArticle[]);
    if (lazy !== null && parts.links !== undefined && packedLinks.length === 4 * read.length) linkPacked(lazy, restored, order, packedLinks, parts.links, anchors);
    else linkTuples(lazy, restored, order.map((i) => tuples[i] as (typeof tuples)[number]), anchors);
    lazy?.seal();
    if (lazy !== null) names.addAllRestored(restored as RestoredArticle[]);
    for (const node of restored) {
      queue.push(node.time, node);
      if (lazy === null) names.add(node);
    }
    const restoreCopy = (id: string, storyId: string, duplicateOf: string | null, time: number): void => {
      if (nodes.has(id)) return;
      // A copy, or (version 1) an article outside the graph: a fixed member of its story.
      const original = duplicateOf === null ? null : (nodes.get(duplicateOf) ?? null);
      const story = original?.story ?? storyOf(storyId, `fingerprint ${id}`);
      story.copies.add(id);
      copies.set(id, { story, original });
      original?.copies.push(id);
      queue.push(time, id);
    };
    if (parts.fingerprintColumns !== undefined) {
      // An image's fingerprints, column by column (restored-fingerprints.ts).
      const columns = parts.fingerprintColumns();
      for (const entry of finder.addColumns(columns)) restoreCopy(entry.id, entry.storyId, columns.duplicateOf[entry.row] ?? null, columns.time[entry.row] as number);
      return;
    }
    finder.reserve(parts.fingerprints.count);
    for (const entry of parts.fingerprints.items) {
      finder.add(entry);
      restoreCopy(entry.id, entry.storyId, entry.assignment.duplicateOf, entry.time);
    }
  }

  /**
   * Links restored articles in arrival order from their [id, similarity] lists (versions 4 and 5,
   * JSON snapshots): with `lazy`, into its rows; without (articles built as Maps), at once.
   */
  function linkTuples(lazy: RestoredLinks | null, restored: ArticleNode[], lists: { knn: [string, number][]; memoryKnn: [string, number][] }[], anchors: Map<string, ArticleNode>): void {
    const byId = new Map<string, ArticleNode>(nodes);
    for (const anchor of anchors.values()) byId.set(`\u0000${anchor.story.id}`, anchor);
    const rowOf = new Map<ArticleNode, number>();
    restored.forEach((node, row) => rowOf.set(node, row));
    const rows: number[] = [];
    const similarities: number[] = [];
    for (const [row, node] of restored.entries()) {
      const { knn, memoryKnn } = lists[row] as (typeof lists)[number];
      // Both lists are written strongest first, so without memory links the (stable) sort would
      // give the k-NN list itself: 100,000 copies and sorts were ~3 % of a restore.
      const list = memoryKnn.length === 0 && isStrongestFirst(knn) ? knn : [...knn, ...memoryKnn.map(([storyId, s]): [string, number] => [`\u0000${storyId}`, s])].sort((a, b) => b[1] - a[1]);
      if (lazy === null) {
        graph.restore(node, byId, list);
        continue;
      }
      rows.length = 0;
      similarities.length = 0;
      for (const [id, similarity] of list) {
        const other = byId.get(id);
        if (other === undefined) continue;
        // An anchor's links are built at once, in this order (as StoryGraph.restore links them).
        if (other.memory === true) other.links.set(node, similarity);
        rows.push(other.memory === true ? lazy.anchorRow(other, rowOf) : (rowOf.get(other) as number));
        similarities.push(similarity);
      }
      lazy.setList(row, rows, similarities);
      (node as RestoredArticle).linkLazily(lazy, row);
    }
  }

  /**
   * linkTuples of a version 6 image, whose links are term numbers in flat arrays (ImageLinks):
   * the same rows, in the same order, without an [id, similarity] tuple or an id lookup per link.
   * `packed` holds 4 numbers per article in read order (PackedLinks); `order[row]` is a row's
   * article in read order.
   */
  function linkPacked(lazy: RestoredLinks, restored: ArticleNode[], order: readonly number[], packed: readonly number[], links: ImageLinks, anchors: Map<string, ArticleNode>): void {
    const rowOfTerm = new Int32Array(links.terms.length).fill(-1);
    for (let row = 0; row < restored.length; row += 1) rowOfTerm[packed[4 * (order[row] as number)] as number] = row;
    const anchorRows = new Map<ArticleNode, number>();
    const { targets, similarities } = links;
    const rows: number[] = [];
    const kept: number[] = [];
    const sorted: number[] = [];
    for (let row = 0; row < restored.length; row += 1) {
      const node = restored[row] as RestoredArticle;
      const i = 4 * (order[row] as number);
      const at = packed[i + 1] as number;
      const knn = packed[i + 2] as number;
      const end = at + knn + (packed[i + 3] as number);
      rows.length = 0;
      kept.length = 0;
      sorted.length = 0;
      // As linkTuples: the k-NN list as written when it has no memory links and is strongest
      // first, else both lists in one stable sort by similarity, strongest first.
      for (let e = at; e < end; e += 1) sorted.push(e);
      if (end > at + knn || !isDescending(similarities, at, at + knn)) sorted.sort((a, b) => (similarities[b] as number) - (similarities[a] as number));
      for (const e of sorted) {
        const target = targets[e] as number;
        const similarity = similarities[e] as number;
        if (e < at + knn) {
          const other = target < rowOfTerm.length ? (rowOfTerm[target] as number) : -1;
          if (other < 0) continue;
          rows.push(other);
        } else {
          const anchor = anchors.get(links.terms[target] as string);
          if (anchor === undefined) continue;
          // An anchor's links are built at once, in this order (as StoryGraph.restore links them).
          anchor.links.set(node, similarity);
          rows.push(lazy.anchorRow(anchor, anchorRows));
        }
        kept.push(similarity);
      }
      lazy.setList(row, rows, kept);
      node.linkLazily(lazy, row);
    }
  }

  /** The last trace with the article's tokens packed (asked once per logged input, not per assignment). */
  function lastTrace(): StoryIndexTrace | null {
    if (trace === null || streams === null) return trace;
    const tokens = packTokenStreams(streams[0], streams[1]);
    return tokens === undefined ? trace : { ...trace, tokens };
  }

  return { assign: (doc, given) => assign(doc, null, given ?? null), adopt: (doc, placement) => assign(doc, placement), lastTrace, snapshot, image };
}

/** A logged input's token stream (packed-tokens.ts); one that does not read back is a corrupt log. */
function unpackTraced(tokens: string, flags: string): TokenStream {
  try {
    return unpackTokenStream(tokens, flags);
  } catch (cause) {
    throw corrupt(`a logged input's ${(cause as Error).message}`);
  }
}

/** Indices of `nodes` in arrival order (seq), stable; the identity when they are in it already (as an image writes them). */
function seqOrder(nodes: readonly ArticleNode[]): number[] {
  const order = nodes.map((_, i) => i);
  for (let i = 1; i < nodes.length; i += 1) {
    if ((nodes[i] as ArticleNode).seq < (nodes[i - 1] as ArticleNode).seq) return order.sort((a, b) => (nodes[a] as ArticleNode).seq - (nodes[b] as ArticleNode).seq);
  }
  return order;
}

/** Whether similarities[from..to) are in descending order (isStrongestFirst on packed links). */
function isDescending(similarities: Float64Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i += 1) if ((similarities[i] as number) > (similarities[i - 1] as number)) return false;
  return true;
}

function isImage(initial: StoryIndexSnapshot | StoryIndexImage): initial is StoryIndexImage {
  return 'blocks' in initial;
}

/** An image's parts; a malformed image is a corrupt snapshot. */
function readImage(image: StoryIndexImage): ImageParts {
  try {
    return readStoryImage(image.blocks);
  } catch (cause) {
    throw corrupt((cause as Error).message);
  }
}


/**
 * Articles in arrival order. Sorted as numbers (seq × 2^16 + position, exact in a double) rather
 * than with a comparator reading each article object ~9 times: regions hold up to 400 articles
 * spread over the heap, and that sort was the largest part of placing an article in big stories.
 */
function bySeq(region: Set<ArticleNode>): ArticleNode[] {
  const nodes = [...region];
  if (nodes.length >= 65_536) return nodes.sort((a, b) => a.seq - b.seq);
  const keys = new Float64Array(nodes.length);
  for (let i = 0; i < nodes.length; i += 1) {
    const seq = (nodes[i] as ArticleNode).seq;
    // Graph articles' seqs are ≥ 0 (only remembered stories' anchors have negative ones).
    if (seq < 0) return nodes.sort((a, b) => a.seq - b.seq);
    keys[i] = seq * 65_536 + i;
  }
  keys.sort();
  const out = new Array<ArticleNode>(nodes.length);
  for (let i = 0; i < keys.length; i += 1) out[i] = nodes[(keys[i] as number) % 65_536] as ArticleNode;
  return out;
}

/** Whether links are in descending order of similarity (as an index writes them). */
function isStrongestFirst(links: readonly [string, number][]): boolean {
  for (let i = 1; i < links.length; i += 1) if ((links[i] as [string, number])[1] > (links[i - 1] as [string, number])[1]) return false;
  return true;
}

/** A stable, filename-safe story id from the first article's id and the creation order. */
function storyIdFor(articleId: string, seq: number): string {
  const slug = articleId.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `s${seq.toString(36)}-${slug === '' ? 'story' : slug}`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Where a stored article already is (see `adopt`). */
export interface StoryPlacement {
  storyId: string;
  duplicateOf: string | null;
}

/** The creation order a story id carries (`s<base36>-…`), or null for an id of another shape. */
function storySeqOf(storyId: string): number | null {
  const match = /^s([0-9a-z]{1,10})-/.exec(storyId);
  return match === null ? null : parseInt(match[1] as string, 36);
}
