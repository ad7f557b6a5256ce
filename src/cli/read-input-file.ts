import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WiredeskError } from '../errors/index.js';

/**
 * Reads a file a command was given as input. A file that is missing or cannot be read is
 * NOT_FOUND naming the command, the file and why (not an INTERNAL error or a stack trace).
 */
export async function readInputFile(path: string, command: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (cause as Error).message;
    throw new WiredeskError('NOT_FOUND', `${command}: cannot read ${resolve(path)}: ${why}`, { cause, details: { path: resolve(path), errno: code } });
  }
}
