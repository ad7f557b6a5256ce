import { describe, expect, it } from 'vitest';
import { ISSUE_TARGETS, judge, parseFloors, type CheckInputs } from '../../bench/support/extract-targets.js';

const today: CheckInputs = { sh: 0.976, wcxb: 0.93, wcxbDelta: 0.01, regressions: 3, speed: 40, ratio: 6, rss: 320 };

describe('bench:extract --check and --floors', () => {
  it('fails on every issue target missed when no floors are given', () => {
    const failed = judge(today, {}).filter((l) => l.failed).map((l) => l.key);
    expect(failed).toEqual(['sh', 'wcxb', 'wcxbDelta', 'regressions', 'speed', 'ratio']);
  });

  it('lets a floor replace its target for the exit code, and still reports the target missed', () => {
    const lines = judge(today, parseFloors('sh=0.97,wcxb=0.90,wcxbDelta=0,speed=30,ratio=4,regressions=5'));
    expect(lines.filter((l) => l.failed)).toEqual([]);
    const sh = lines.find((l) => l.key === 'sh');
    expect(sh?.targetMet).toBe(false);
    expect(sh?.text).toContain('MISSED');
    expect(sh?.text).toContain('held');
  });

  it('treats regressions and RSS as ceilings', () => {
    const lines = judge({ ...today, regressions: 6, rss: 401 }, parseFloors('regressions=5'));
    expect(lines.filter((l) => l.failed).map((l) => l.key)).toContain('regressions');
    expect(lines.find((l) => l.key === 'rss')?.failed).toBe(true);
    expect(ISSUE_TARGETS.rss).toBe(400);
  });

  it('skips numbers of a corpus that was not run', () => {
    const lines = judge({ ...today, wcxb: null, wcxbDelta: null }, {});
    expect(lines.find((l) => l.key === 'wcxb')?.failed).toBe(false);
    expect(lines.find((l) => l.key === 'wcxb')?.targetMet).toBeNull();
  });

  it('rejects unknown keys and malformed values', () => {
    expect(() => parseFloors('f1=0.9')).toThrow(/keys sh, wcxb/);
    expect(() => parseFloors('sh=high')).toThrow();
    expect(parseFloors(' sh=0.97 , ratio=4 ')).toEqual({ sh: 0.97, ratio: 4 });
  });
});
