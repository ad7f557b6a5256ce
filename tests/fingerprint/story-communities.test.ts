import { describe, expect, it } from 'vitest';
import { planCommunities } from '../../src/fingerprint/story-communities.js';
import type { ArticleNode, GraphStory } from '../../src/fingerprint/story-graph.js';

// Label propagation and the mapping back to story ids, on hand-built graphs.

const pending: GraphStory = { id: '', seq: Number.MAX_SAFE_INTEGER, nodes: new Set(), copies: new Set() };
const isNew = (story: GraphStory): boolean => story === pending;

function story(id: string, seq: number): GraphStory {
  return { id, seq, nodes: new Set(), copies: new Set() };
}

function node(seq: number, home: GraphStory = pending): ArticleNode {
  const n: ArticleNode = { id: `n${seq}`, seq, time: 0, language: 'en', vector: new Map(), marks: new Map(), knn: [], links: new Map(), story: home, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
  home.nodes.add(n);
  return n;
}

function link(a: ArticleNode, b: ArticleNode, similarity: number): void {
  a.links.set(b, similarity);
  b.links.set(a, similarity);
}

const ids = (plans: ReturnType<typeof planCommunities>): string[][] => plans.map((p) => p.members.map((m) => m.id).sort()).sort();

describe('planCommunities', () => {
  it('splits two tight groups that one weak bridge joins', () => {
    const s = story('s0', 0);
    const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map((i) => node(i, i === 5 ? pending : s)) as [ArticleNode, ArticleNode, ArticleNode, ArticleNode, ArticleNode, ArticleNode];
    for (const [x, y] of [[a, b], [b, c], [a, c], [d, e]] as const) link(x, y, 0.5);
    link(f, d, 0.5);
    link(f, e, 0.5);
    link(c, d, 0.15); // the report that first bridged the two events
    const plans = planCommunities([a, b, c, d, e, f], true, isNew, 0.2);
    expect(ids(plans)).toEqual([['n0', 'n1', 'n2'], ['n3', 'n4', 'n5']]);
    // The community holding most of the old story keeps its id; the other starts a new story.
    expect(plans.find((p) => p.members.includes(a))?.story).toBe(s);
    expect(plans.find((p) => p.members.includes(d))?.story).toBeNull();
  });

  it('joins two stories a newcomer links strongly, keeping the older id', () => {
    const older = story('s1', 1);
    const newer = story('s2', 2);
    const a = node(0, newer);
    const b = node(1, older);
    const c = node(2);
    link(c, a, 0.6);
    link(c, b, 0.6);
    const plans = planCommunities([a, b, c], true, isNew, 0.2);
    expect(ids(plans)).toEqual([['n0', 'n1', 'n2']]);
    expect(plans[0]?.story).toBe(older);
  });

  it('makes no story of articles joined only by weak links, however many', () => {
    const [a, b, c] = [0, 1, 2].map((i) => node(i)) as [ArticleNode, ArticleNode, ArticleNode];
    link(a, b, 0.15);
    link(b, c, 0.16);
    link(a, c, 0.17);
    expect(ids(planCommunities([a, b, c], true, isNew, 0.2))).toEqual([['n0'], ['n1'], ['n2']]);
    expect(ids(planCommunities([a, b, c], true, isNew, 0.1))).toEqual([['n0', 'n1', 'n2']]);
  });

  it('lets articles outside the region vote with their story without moving them', () => {
    const big = story('s3', 3);
    const outside = [0, 1, 2].map((i) => node(i, big));
    const x = node(3);
    for (const o of outside) link(x, o, 0.4);
    const plans = planCommunities([x], true, isNew, 0.2);
    expect(plans).toEqual([{ members: [x], story: big }]);
  });

  it('treats labels within 1e-9 of each other as a tie, settled by the smaller label', () => {
    const [a, b, c] = [0, 1, 2].map((i) => node(i)) as [ArticleNode, ArticleNode, ArticleNode];
    link(c, a, 0.3);
    link(c, b, 0.3 + 1e-12);
    const plans = planCommunities([a, b, c], true, isNew, 0.2);
    expect(ids(plans)).toEqual([['n0', 'n1', 'n2']]);
  });
});
