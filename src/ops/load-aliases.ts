import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WiredeskError } from '../errors/index.js';
import { parseAliases, type AliasTable } from '../fingerprint/index.js';

/** The aliases shipped with the package (src/ops or dist/ops → the package root's config/). */
export const BUNDLED_ALIASES = fileURLToPath(new URL('../../config/aliases.json', import.meta.url));

/**
 * The alias table: the configured file when it exists, else the bundled one (`required`: the file
 * must exist, as for `cluster --aliases`). A file that is not valid JSON is CONFIG_INVALID.
 */
export async function loadAliases(path: string | null, options: { required?: boolean } = {}): Promise<AliasTable> {
  const candidates = path === null ? [BUNDLED_ALIASES] : options.required ? [path] : [path, BUNDLED_ALIASES];
  for (const candidate of candidates) {
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch (cause) {
      if (options.required) throw new WiredeskError('CONFIG_INVALID', `config: cannot read alias file ${candidate}: ${(cause as Error).message}`, { cause, details: { path: candidate } });
      continue; // a missing alias file falls back to the bundled list
    }
    try {
      return parseAliases(JSON.parse(text));
    } catch (cause) {
      if (cause instanceof WiredeskError) throw cause;
      throw new WiredeskError('CONFIG_INVALID', `config: alias file ${candidate} is not valid JSON`, { cause, details: { path: candidate } });
    }
  }
  return parseAliases({ groups: [] });
}
