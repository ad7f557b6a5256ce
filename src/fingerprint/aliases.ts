import { WiredeskError } from '../errors/index.js';
import { foldScriptVariants } from './normalize-text.js';
import { dominantScript, languageOfScript } from './text-scripts.js';
import { isUnspacedRun, rawTokens } from './tokenize-text.js';
import { segmentWords } from './word-segmenter.js';

/**
 * A compiled alias table: name variants ("Daesh", "ISIS", "Islamic State of Iraq and the Levant")
 * map to one canonical token so that two reports naming the same actor differently still share it.
 * Phrases are matched on tokens, longest first. Case-insensitive names are stored lower-cased;
 * case-sensitive ones ("IS", "US") only match their exact spelling, because "is" and "us" are
 * ordinary English words.
 */
export interface AliasTable {
  /** First token of a phrase → candidate phrases (longest first). */
  readonly byFirstToken: ReadonlyMap<string, readonly AliasPhrase[]>;
  /** Number of groups, for logs and tests. */
  readonly size: number;
}

/** One name variant after compilation. */
export interface AliasPhrase {
  tokens: readonly string[];
  caseSensitive: boolean;
  canonical: string;
}

/** The empty table (no aliases). */
export const EMPTY_ALIASES: AliasTable = { byFirstToken: new Map(), size: 0 };

/**
 * Validates and compiles the alias file's JSON:
 * `{ "groups": [ { "token": "isis", "names": ["Daesh", "Islamic State"], "caseSensitiveNames": ["IS"] } ] }`.
 * Pure: the caller reads the file. Throws `CONFIG_INVALID` naming the offending field.
 */
export function parseAliases(json: unknown): AliasTable {
  const groups = isRecord(json) ? json['groups'] : undefined;
  if (!Array.isArray(groups)) throw invalid('aliases.groups', 'must be an array');
  const byFirst = new Map<string, AliasPhrase[]>();
  groups.forEach((group: unknown, index) => {
    const at = `aliases.groups[${index}]`;
    if (!isRecord(group)) throw invalid(at, 'must be an object');
    for (const key of Object.keys(group)) {
      if (key !== 'token' && key !== 'names' && key !== 'caseSensitiveNames') throw invalid(`${at}.${key}`, 'is not a known field');
    }
    const token = group['token'];
    if (typeof token !== 'string' || !/^[a-z0-9_]+$/.test(token)) throw invalid(`${at}.token`, 'must match [a-z0-9_]+');
    const canonical = `${token}`;
    addNames(byFirst, group['names'], `${at}.names`, false, canonical);
    addNames(byFirst, group['caseSensitiveNames'], `${at}.caseSensitiveNames`, true, canonical);
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirstToken: byFirst, size: groups.length };
}

function addNames(
  byFirst: Map<string, AliasPhrase[]>,
  names: unknown,
  at: string,
  caseSensitive: boolean,
  canonical: string,
): void {
  if (names === undefined) return;
  if (!Array.isArray(names)) throw invalid(at, 'must be an array of strings');
  names.forEach((name: unknown, index) => {
    if (typeof name !== 'string') throw invalid(`${at}[${index}]`, 'must be a string');
    const tokens = aliasNameTokens(name, caseSensitive);
    const first = tokens[0];
    if (first === undefined) throw invalid(`${at}[${index}]`, 'has no word in it');
    const list = byFirst.get(first) ?? [];
    list.push({ tokens, caseSensitive, canonical });
    byFirst.set(first, list);
  });
}

/**
 * Tokenizes an alias name the way article text is normalized and tokenized (script variants
 * folded, see normalize-text.ts; apostrophes, dots and separators as in tokenize-text.ts), so
 * that "U.S.", "Da'esh" or "الولايات المتحدة" in the file match the same words in a story.
 * A name in Chinese, Japanese or Thai is segmented as article text is ("伊斯兰国" → 伊斯兰, 国;
 * "摩苏尔" → 摩, 苏, 尔: ICU's dictionary does not know most transliterated names, and cuts them the
 * same way inside a sentence); read as one word it never matched. Each run is cut in the language its
 * script names (text-scripts.ts languageOfScript), as an article is; Chinese where none does.
 */
function aliasNameTokens(name: string, caseSensitive: boolean): string[] {
  const tokens = rawTokens(foldScriptVariants(name.normalize('NFKC'))).flatMap((token) => (isUnspacedRun(token) ? segmentWords(token, languageOfScript(dominantScript(token)) ?? 'zh') : [token]));
  return caseSensitive ? tokens : tokens.map((t) => t.toLowerCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(field: string, problem: string): WiredeskError {
  return new WiredeskError('CONFIG_INVALID', `fingerprint: ${field} ${problem}`, { details: { field } });
}
