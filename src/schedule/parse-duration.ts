import { WiredeskError } from '../errors/index.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses an operator duration such as `90s`, `15m`, `24h`, `30d` or `2w` into milliseconds.
 * Bare numbers are refused: "30" could mean minutes or days, and a prune must not guess.
 */
export function parseDuration(text: string, what = 'duration'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase();
  const ms = match && unit ? Number(match[1]) * (UNIT_MS[unit] ?? NaN) : NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new WiredeskError('CONFIG_INVALID', `${what}: expected a positive duration like 90s, 15m, 24h, 30d or 2w, got ${JSON.stringify(text)}`, { details: { value: text } });
  }
  return ms;
}
