/**
 * Issue 13's targets for `bench:extract --check`, and `--floors key=value,...` regression floors that replace
 * them for the exit code (as bench:stories `--pair-floors` does): the targets are still printed, met or missed.
 */

/** A measured number the check reads; null when its corpus was not run. */
export interface CheckInputs {
  /** scrapinghub-rule F1 on extraction-dev. */
  sh: number | null;
  /** WCXB-metric F1 on extraction-wcxb-dev. */
  wcxb: number | null;
  /** WCXB F1 − the baseline's WCXB F1, same pages, same run. */
  wcxbDelta: number | null;
  /** Pages of either corpus ≥ 0.3 F1 below the baseline. */
  regressions: number | null;
  /** Lowest pages per extraction CPU-second over the corpora run. */
  speed: number | null;
  /** Lowest speed ratio wiredesk / baseline (same pages, same run) over the corpora run. */
  ratio: number | null;
  /** Peak RSS of the process while wiredesk ran, MB. */
  rss: number | null;
}

/** A key of `--floors`. */
export type CheckKey = keyof CheckInputs;

/** Whether a number must stay at or above its limit, or at or below it. */
const DIRECTION: Record<CheckKey, 'min' | 'max'> = { sh: 'min', wcxb: 'min', wcxbDelta: 'min', regressions: 'max', speed: 'min', ratio: 'min', rss: 'max' };

/** Issue 13's targets. */
export const ISSUE_TARGETS: Record<CheckKey, number> = { sh: 0.978, wcxb: 0.95, wcxbDelta: 0.02, regressions: 0, speed: 60, ratio: 10, rss: 400 };

const LABEL: Record<CheckKey, string> = {
  sh: 'scrapinghub-rule F1 (extraction-dev)',
  wcxb: 'WCXB-metric F1 (extraction-wcxb-dev)',
  wcxbDelta: 'WCXB F1 − plain Readability',
  regressions: 'pages ≥ 0.3 F1 below plain Readability',
  speed: 'pages per extraction CPU-second (lowest corpus)',
  ratio: 'speed ÷ plain Readability (lowest corpus)',
  rss: 'peak RSS MB (wiredesk)',
};

/** Parses `sh=0.97,wcxb=0.90,...`; throws with a usage line on anything else. */
export function parseFloors(spec: string): Partial<Record<CheckKey, number>> {
  const floors: Partial<Record<CheckKey, number>> = {};
  for (const item of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const match = /^([A-Za-z]+)=(-?[0-9.]+)$/.exec(item);
    const key = match?.[1];
    if (match === null || key === undefined || !(key in DIRECTION) || !Number.isFinite(Number(match[2]))) {
      throw new Error(`--floors wants KEY=NUMBER[,KEY=NUMBER...] with keys ${Object.keys(DIRECTION).join(', ')}; got ${JSON.stringify(item)}`);
    }
    floors[key as CheckKey] = Number(match[2]);
  }
  return floors;
}

/** One line of the verdict. */
export interface CheckLine {
  key: CheckKey;
  text: string;
  /** The number is past its limit (the floor when given, else the target): `--check` fails on it. */
  failed: boolean;
  targetMet: boolean | null;
}

/** Judges every measured number against its target and, when given, its regression floor. */
export function judge(inputs: CheckInputs, floors: Partial<Record<CheckKey, number>>): CheckLine[] {
  return (Object.keys(DIRECTION) as CheckKey[]).map((key) => {
    const measured = inputs[key];
    const target = ISSUE_TARGETS[key];
    const floor = floors[key];
    const sign = DIRECTION[key] === 'min' ? '≥' : '≤';
    if (measured === null) return { key, text: `${LABEL[key]}: not measured (corpus not given, or --speed-only); issue target ${sign} ${target}`, failed: false, targetMet: null };
    const ok = (limit: number): boolean => (DIRECTION[key] === 'min' ? measured >= limit : measured <= limit);
    const shown = Number.isInteger(measured) ? String(measured) : measured.toFixed(key === 'speed' || key === 'ratio' || key === 'rss' ? 1 : 4);
    const held = floor === undefined ? '' : `; regression floor ${sign} ${floor} ${ok(floor) ? 'held' : 'BROKEN'}`;
    const failed = !ok(floor ?? target);
    return { key, text: `${LABEL[key]}: ${shown} (issue target ${sign} ${target}: ${ok(target) ? 'met' : 'MISSED'}${held})`, failed, targetMet: ok(target) };
  });
}
