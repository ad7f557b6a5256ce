import type { ArticleNode, GraphStory } from './story-graph.js';

/** Rounds of label propagation before giving up on convergence (it converges in 2–5 here). */
const MAX_ROUNDS = 20;
// A label changes only when another is heavier by more than this, so float noise never flips one.
const EPSILON = 1e-9;

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
  const inRegion = new Set(region);
  const storyBySeq = new Map<number, GraphStory>();
  // Labels ≥ 0 are fresh (an article's seq); labels < 0 name an existing story (−1 − seq).
  const storyLabel = (story: GraphStory): number => {
    storyBySeq.set(story.seq, story);
    return -1 - story.seq;
  };
  const label = new Map<ArticleNode, number>();
  for (const node of region) label.set(node, fresh || isNew(node.story) ? node.seq : storyLabel(node.story));
  const labelOf = (node: ArticleNode): number => (inRegion.has(node) ? (label.get(node) as number) : storyLabel(node.story));

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let changed = false;
    for (const node of region) {
      const weights = new Map<number, number>();
      for (const [other, similarity] of node.links) {
        const l = labelOf(other);
        weights.set(l, (weights.get(l) ?? 0) + similarity);
      }
      const current = label.get(node) as number;
      // The heaviest label wins; labels within EPSILON of each other are a tie, settled by the
      // smaller label, and the current label stays unless another is heavier by more. So neither
      // float noise nor the order of the links (which differs after a snapshot restore) decides.
      let heaviest = -Infinity;
      for (const [l, w] of weights) if (l !== current && w > heaviest) heaviest = w;
      let best = current;
      if (heaviest > (weights.get(current) ?? 0) + EPSILON) {
        best = Infinity;
        for (const [l, w] of weights) if (l !== current && w >= heaviest - EPSILON && l < best) best = l;
      }
      if (best !== current) {
        label.set(node, best);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const groups = new Map<number, ArticleNode[]>();
  for (const node of region) {
    const l = label.get(node) as number;
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
  for (const m of members) for (const [other, s] of m.links) if (s >= min && inGroup.has(other)) return true;
  return false;
}
