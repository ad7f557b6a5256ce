import { describe, expect, it } from 'vitest';
import { RestoredLinks } from '../../src/fingerprint/restored-links.js';
import type { ArticleNode, GraphStory } from '../../src/fingerprint/story-graph.js';
import { seededRandom } from './helpers.js';

function article(seq: number, story: GraphStory): ArticleNode {
  return { id: `a${seq}`, seq, time: seq, language: 'en', vector: new Map(), marks: new Map(), knn: [], links: new Map(), story, copies: [], live: true, stamp: 0, partial: 0, region: 0, label: 0 };
}

describe('restored links', () => {
  it('gives each article the list and the links, in the order, that linking every list in arrival order gives', () => {
    const random = seededRandom(5);
    const story: GraphStory = { id: 's', seq: 0, nodes: new Set(), copies: new Set() };
    const articles = Array.from({ length: 60 }, (_, i) => article(i, story));
    // Lists of up to 8 others (before and after, often naming each other back), strongest first.
    const lists = articles.map((_, row) => {
      const others = new Set<number>();
      for (let k = Math.floor(random() * 9); k > 0; k -= 1) {
        const other = Math.floor(random() * articles.length);
        if (other !== row) others.add(other);
      }
      return [...others].map((other) => [other, Math.round(random() * 1000) / 1000] as [number, number]).sort((a, b) => b[1] - a[1]);
    });
    const eager = articles.map(() => new Map<ArticleNode, number>());
    lists.forEach((list, row) => {
      for (const [other, similarity] of list) {
        eager[row]?.set(articles[other] as ArticleNode, similarity);
        eager[other]?.set(articles[row] as ArticleNode, similarity);
      }
    });
    const lazy = new RestoredLinks(articles);
    lists.forEach((list, row) => lazy.setList(row, list.map(([o]) => o), list.map(([, s]) => s)));
    lazy.seal();
    lists.forEach((list, row) => {
      expect([...lazy.linksOf(row)].map(([n, s]) => [n.seq, s])).toEqual([...(eager[row] as Map<ArticleNode, number>)].map(([n, s]) => [n.seq, s]));
      expect(lazy.knnOf(row).map((l) => [l.node.seq, l.similarity])).toEqual(list);
    });
  });
});
