import type { ArticleNode, GraphStory } from './story-graph.js';

/** Rounds of label propagation before giving up on convergence (it converges in 2–5 here). */
const MAX_ROUNDS = 20;
// A label changes only when another is heavier by more than this, so float noise never flips one.
const EPSILON = 1e-9;
/** `ArticleNode.region` of an article while its region is being redrawn (0 otherwise). */
const IN_REGION = 1;

/** Where a community of the redrawn region goes: an existing story, or a new one (null). */
export interface CommunityPlan {
  members: ArticleNode[];
  story: GraphStory | null;
}

/**
 * Redraws the stories of a region of the neighbour graph by label propagation (Raghavan, Albert &
 * Kumara 2007): every article takes the label that carries most of its link weight, in arrival
 * order, until nothing changes. Articles outside the region keep their story and vote with it.
 *
 * `fresh`: every region article starts with a label of its own, so the region's stories are
 * found again from the links alone: a story that a few bridging reports joined to another event
 * splits where its links do. Otherwise region articles start from their current story (used when
 * the region would be too large to redraw: only the newcomer's neighbourhood moves).
 *
 * Then each community is mapped to a story so that ids stay stable: a community holding most of a
 * story's articles keeps that story's id (the oldest such story when it holds several: a merge
 * keeps the older id), else the one holding most of it; any other community starts a new story.
 */
export function planCommunities(region: ArticleNode[], fresh: boolean, isNew: (story: GraphStory) => boolean, minPairSimilarity: number): CommunityPlan[] {
  const storyBySeq = new Map<number, GraphStory>();
  // Labels ≥ 0 are fresh (an article's seq); labels < 0 name an existing story (−1 − seq).
  // Membership and labels live on the articles (`region`, `label`) while this runs: a Set and a Map
  // probed per link per round were most of the redraw's cost in stories of hundreds of articles.
  for (const node of region) {
    node.region = IN_REGION;
    if (fresh || isNew(node.story)) node.label = node.seq;
    else {
      storyBySeq.set(node.story.seq, node.story);
      node.label = -1 - node.story.seq;
    }
  }
  // The labels around one article and their summed link weights, in the order first met (reused).
  const labels: number[] = [];
  const sums: number[] = [];
  const outside: (GraphStory | null)[] = [];

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let changed = false;
    for (const node of region) {
      let n = 0;
      const links = node.links;
      const similarities = links.values();
      for (const other of links.keys()) {
        const similarity = similarities.next().value as number;
        const story = other.region === IN_REGION ? null : other.story;
        const l = story === null ? other.label : -1 - story.seq;
        let k = 0;
        while (k < n && labels[k] !== l) k += 1;
        if (k === n) {
          labels[n] = l;
          sums[n] = 0;
          outside[n] = story;
          n += 1;
        }
        sums[k] = (sums[k] as number) + similarity;
      }
      const current = node.label;
      // The heaviest label wins; labels within EPSILON of each other are a tie, settled by the
      // smaller label, and the current label stays unless another is heavier by more. So neither
      // float noise nor the order of the links (which differs after a snapshot restore) decides.
      let heaviest = -Infinity;
      let currentWeight = 0;
      for (let k = 0; k < n; k += 1) {
        const w = sums[k] as number;
        if (labels[k] === current) currentWeight = w;
        else if (w > heaviest) heaviest = w;
      }
      let best = current;
      let from: GraphStory | null = null;
      if (heaviest > currentWeight + EPSILON) {
        best = Infinity;
        for (let k = 0; k < n; k += 1) {
          const l = labels[k] as number;
          if (l !== current && (sums[k] as number) >= heaviest - EPSILON && l < best) {
            best = l;
            from = outside[k] as GraphStory | null;
          }
        }
      }
      if (best !== current) {
        // A story label taken from an article outside the region: remember which story it names.
        if (from !== null) storyBySeq.set(from.seq, from);
        node.label = best;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const node of region) node.region = 0;

  const groups = new Map<number, ArticleNode[]>();
  for (const node of region) {
    const l = node.label;
    const list = groups.get(l);
    if (list === undefined) groups.set(l, [node]);
    else list.push(node);
  }
  const plans: CommunityPlan[] = [];
  for (const [l, members] of groups) {
    // Articles joined only by weak links are not yet a story, however many: two Iraqi reports of one
    // day share Iraq's words, dates and small numbers and nothing else. One link strong enough to
    // say "same event" makes them one.
    if (l >= 0 && members.length > 1 && !hasLinkOf(members, minPairSimilarity)) {
      for (const m of members) plans.push({ members: [m], story: null });
    } else {
      plans.push({ members, story: l < 0 ? (storyBySeq.get(-1 - l) as GraphStory) : null });
    }
  }
  return mapToStories(plans, isNew);
}

/**
 * Gives fresh communities the id of the story most of whose articles they hold (older stories
 * first), so a story keeps its id through joins, splits and merges; the rest become new stories.
 */
function mapToStories(plans: CommunityPlan[], isNew: (story: GraphStory) => boolean): CommunityPlan[] {
  const taken = new Set<GraphStory>();
  for (const plan of plans) if (plan.story !== null) taken.add(plan.story);
  const pairs: { plan: CommunityPlan; story: GraphStory; overlap: number; majority: boolean }[] = [];
  for (const plan of plans) {
    if (plan.story !== null) continue;
    const overlap = new Map<GraphStory, number>();
    for (const node of plan.members) if (!isNew(node.story)) overlap.set(node.story, (overlap.get(node.story) ?? 0) + 1);
    for (const [story, count] of overlap) pairs.push({ plan, story, overlap: count, majority: count * 2 > story.nodes.size });
  }
  // Majorities first, older stories first among them (a merge keeps the older id); then, for a
  // story split evenly, the community holding most of it.
  pairs.sort(
    (a, b) =>
      Number(b.majority) - Number(a.majority) ||
      (a.majority ? a.story.seq - b.story.seq : b.overlap - a.overlap) ||
      (a.majority ? b.overlap - a.overlap : a.story.seq - b.story.seq) ||
      (a.plan.members[0] as ArticleNode).seq - (b.plan.members[0] as ArticleNode).seq,
  );
  for (const { plan, story } of pairs) {
    if (plan.story !== null || taken.has(story)) continue;
    plan.story = story;
    taken.add(story);
  }
  return plans;
}

/** Whether two members of a group are linked at `min` or more (stops at the first such link). */
function hasLinkOf(members: ArticleNode[], min: number): boolean {
  const inGroup = new Set(members);
  for (const m of members) for (const other of m.links.keys()) if ((m.links.get(other) as number) >= min && inGroup.has(other)) return true;
  return false;
}
