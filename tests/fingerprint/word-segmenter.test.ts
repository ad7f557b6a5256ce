import { describe, expect, it } from 'vitest';
import { segmenterFor, segmentWords } from '../../src/fingerprint/word-segmenter.js';
import { seededRandom } from './helpers.js';

/**
 * segmentWords as it was written before containing() (the iterator over every segment): the
 * reference. On the same segmenter: two segmenters in one process can split a Japanese run
 * differently (about 1 in 100,000 runs, docs/notes/stories.md, session speed8).
 */
function iteratedWords(run: string, language: string): string[] {
  const out: string[] = [];
  for (const segment of segmenterFor(language).segment(run)) if (segment.isWordLike === true) out.push(segment.segment);
  return out;
}

/** Pieces runs are made of: Chinese words, kana, Thai, Latin letters, digits, marks, apostrophes, an astral Han character. */
const PIECES = ['中国', '人民', '银行', '今天', '宣布', '北京', '上海', '经济', '增长', '的', '了', '在', '是', '我们', '政府', '市场', '东京', 'ひらがな', 'カタカナ', 'です', 'ประเทศ', 'ไทย', 'กรุงเทพ', 'abc', 'iPhone', 'G7', '2024', '５', '３', 'é', '\u0301', "'s", '’', '𠀀', '𩸽', '年', '月', '日'];

describe('segmentWords', () => {
  it('finds the words the segment iterator finds, on random runs in each segmenter language', () => {
    const random = seededRandom(14);
    for (let n = 0; n < 3000; n += 1) {
      let run = '';
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i += 1) run += PIECES[Math.floor(random() * PIECES.length)] as string;
      const language = ['zh', 'ja', 'th', 'und', 'en'][n % 5] as string;
      expect(segmentWords(run, language), `${language} ${run}`).toEqual(iteratedWords(run, language));
    }
  });

  it('finds the words the segment iterator finds on Chinese prose', () => {
    const prose = '国家统计局今天发布数据显示今年前三季度国内生产总值同比增长百分之五点二其中第三季度增长百分之四点九市场预期较为稳定';
    expect(segmentWords(prose, 'zh')).toEqual(iteratedWords(prose, 'zh'));
    expect(segmentWords(prose, 'zh').length).toBeGreaterThan(10);
  });
});
