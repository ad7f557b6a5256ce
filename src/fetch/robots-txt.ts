/** The rules of one robots.txt that apply to our user agent. */
export interface RobotsRules {
  /** Allow/disallow patterns of the group that matched us (our product token, else `*`). */
  rules: Array<{ allow: boolean; pattern: string }>;
  /** Crawl-delay of that group in milliseconds, or null. */
  crawlDelayMs: number | null;
}

/** Rules that allow everything (robots.txt missing, unreachable or unreadable). */
export const ALLOW_ALL: RobotsRules = { rules: [], crawlDelayMs: null };

/**
 * Parses robots.txt (RFC 9309) for one user agent. Groups are consecutive `User-agent` lines followed
 * by rules; every group naming our product token (case-insensitive) is merged, else the `*` groups are.
 * `Crawl-delay` is not in the RFC but is widely used by news sites; it is read from the same group.
 */
export function parseRobotsTxt(text: string, userAgent: string): RobotsRules {
  const token = productToken(userAgent);
  const groups: Array<{ agents: string[]; rules: RobotsRules['rules']; crawlDelayMs: number | null }> = [];
  let current: (typeof groups)[number] | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (current === null || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelayMs: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (current === null) continue;
    if (field === 'allow' || field === 'disallow') {
      // An empty Disallow means "allow everything"; it adds no rule.
      if (value !== '') current.rules.push({ allow: field === 'allow', pattern: normalizePattern(value) });
    } else if (field === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelayMs = Math.round(seconds * 1000);
    }
  }
  const ours = groups.filter((g) => g.agents.some((agent) => agent !== '*' && agentMatches(agent, token)));
  const chosen = ours.length > 0 ? ours : groups.filter((g) => g.agents.includes('*'));
  const delays = chosen.map((g) => g.crawlDelayMs).filter((d): d is number => d !== null);
  return {
    rules: chosen.flatMap((g) => g.rules),
    crawlDelayMs: delays.length > 0 ? Math.max(...delays) : null,
  };
}

/**
 * True when `pathAndQuery` (as in `url.pathname + url.search`) may be fetched: the longest matching
 * pattern wins, Allow wins a tie, no match means allowed (RFC 9309 §2.2.2). `/robots.txt` is always allowed.
 */
export function isAllowedByRobots(rules: RobotsRules, pathAndQuery: string): boolean {
  if (pathAndQuery === '/robots.txt') return true;
  let best: { allow: boolean; length: number } | null = null;
  for (const rule of rules.rules) {
    if (!patternMatches(rule.pattern, pathAndQuery)) continue;
    const length = rule.pattern.length;
    if (best === null || length > best.length || (length === best.length && rule.allow && !best.allow)) {
      best = { allow: rule.allow, length };
    }
  }
  return best?.allow ?? true;
}

/** `wiredesk/0.1 (+https://…)` → `wiredesk`. */
function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? userAgent).toLowerCase();
}

function agentMatches(agent: string, token: string): boolean {
  // Sites write both `wiredesk` and `wiredesk/1.0`; compare the product token part only.
  const agentToken = /^[a-z_-]+/.exec(agent)?.[0] ?? agent;
  return agentToken === token;
}

/** Percent-encodes characters the URL parser would encode, so patterns compare with URL paths. */
function normalizePattern(pattern: string): string {
  return pattern.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch)).replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase());
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const parts = body.split('*');
  let position = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === 0) {
      if (!path.startsWith(part)) return false;
      position = part.length;
      continue;
    }
    if (i === parts.length - 1 && anchored) {
      return path.length - part.length >= position && path.endsWith(part);
    }
    const found = path.indexOf(part, position);
    if (found < 0) return false;
    position = found + part.length;
  }
  return anchored ? position === path.length : true;
}
