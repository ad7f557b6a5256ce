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
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const parsed = splitLine(rawLine.replace(/#.*$/, '').trim());
    if (parsed === null) continue;
    const { field, value } = parsed;
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
      if (value !== '') {
        const pattern = normalizeRobotsPath(value);
        current.rules.push({ allow: field === 'allow', pattern });
        // Widely followed (Google): a rule ending in /index.html speaks for the directory itself too.
        if (pattern.endsWith('/index.html')) current.rules.push({ allow: field === 'allow', pattern: `${pattern.slice(0, -'index.html'.length)}$` });
      }
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
  if (rules.rules.length === 0) return true;
  // RFC 9309 §2.2.2: the URL's path is normalized like the patterns, so `/%70rivate/` is `/private/`.
  const path = normalizeRobotsPath(pathAndQuery);
  let best: { allow: boolean; length: number } | null = null;
  for (const rule of rules.rules) {
    if (!patternMatches(rule.pattern, path)) continue;
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

const KNOWN_FIELDS = new Set(['user-agent', 'allow', 'disallow', 'crawl-delay', 'sitemap']);

/** `field: value`; a known field written without its colon (`disallow /`, seen in the wild and read by Google) is accepted. */
function splitLine(line: string): { field: string; value: string } | null {
  const colon = line.indexOf(':');
  if (colon > 0) return { field: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() };
  const space = /^([A-Za-z-]+)\s+(\S.*)$/.exec(line);
  if (space === null || !KNOWN_FIELDS.has(space[1]!.toLowerCase())) return null;
  return { field: space[1]!.toLowerCase(), value: space[2]!.trim() };
}

/** RFC 3986 unreserved characters: percent-encoding them changes nothing, so they are compared decoded. */
const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** Characters kept as they are: unreserved, reserved (gen-delims and sub-delims, which include `*` and `$`). */
const KEPT = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;
const HEX = '0123456789ABCDEF';

/**
 * RFC 9309 §2.2.2 normalization, applied to patterns and URL paths alike: `%XX` of an unreserved
 * character is decoded (`/%70rivate` → `/private`), other `%XX` keep their encoding with upper-case hex
 * (`%2f` → `%2F`, which is not `/`), and everything else outside RFC 3986's characters (non-ASCII as
 * UTF-8, `"`, `<`, space, a `%` not followed by two hex digits) is percent-encoded.
 */
function normalizeRobotsPath(text: string): string {
  if (/^[A-Za-z0-9\-._~:/?@!$&'()*+,;=]*$/.test(text)) return text; // common case: nothing to do
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      const decoded = String.fromCharCode(code);
      out += code < 0x80 && UNRESERVED.test(decoded) ? decoded : `%${HEX[code >> 4]}${HEX[code & 15]}`;
      i += 2;
    } else if (KEPT.test(ch)) {
      out += ch;
    } else {
      const point = text.codePointAt(i)!;
      const char = String.fromCodePoint(point);
      if (char.length === 2) i++;
      for (const byte of new TextEncoder().encode(char)) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    }
  }
  return out;
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
