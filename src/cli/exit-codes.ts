/** Exit codes each command can return, as `--help` prints them (the README lists the same). */
const COMMAND_CODES: Record<string, [number, string][]> = {
  run: [
    [0, 'every source fine'],
    [3, 'the run completed, but some sources or articles failed, or it was stopped early (SIGINT/SIGTERM, closed output): the run report says which and why'],
    [1, 'fatal: bad config, unwritable output, corrupt state'],
    [2, 'usage error'],
    [4, 'another crawler holds the output directory (the message names its pid)'],
  ],
  schedule: [
    [0, 'stopped by SIGINT/SIGTERM (or a closed output) after writing what was complete and the run report'],
    [1, 'fatal: bad config, unwritable output, corrupt state, metrics address in use'],
    [2, 'usage error'],
    [4, 'another crawler holds the output directory'],
  ],
  demo: [
    [0, 'the demo wire was crawled'],
    [1, 'fatal: the output directory is not an earlier demo output, or cannot be written'],
    [2, 'usage error'],
  ],
  feed: [
    [0, 'the feed was read and parsed'],
    [1, 'it could not be read (NOT_FOUND, FETCH_*, HTTP_STATUS, BLOCKED_ADDRESS) or is no feed (FEED_NOT_A_FEED, FEED_MALFORMED)'],
    [2, 'usage error'],
  ],
  extract: [
    [0, 'every file was extracted'],
    [3, 'some files failed (their lines carry the error)'],
    [1, 'every file failed, or a file could not be read (NOT_FOUND)'],
    [2, 'usage error: no files, a bad --input list or --config'],
  ],
  cluster: [
    [0, 'every input line was grouped'],
    [1, 'the input, state or alias file could not be read (NOT_FOUND), or the state is unusable'],
    [2, 'usage error: bad --window, or an input line that is not an article'],
  ],
  status: [
    [0, 'the status was printed'],
    [1, 'no output directory there (NOT_FOUND), or its state cannot be read'],
    [2, 'usage error'],
  ],
  stories: [
    [0, 'the story groups were printed'],
    [1, 'no output directory there (NOT_FOUND), or its state cannot be read'],
    [2, 'usage error: bad --since or --limit'],
  ],
  'import-opml': [
    [0, 'the feeds were added (or, with --dry-run, listed)'],
    [1, 'the OPML or config file cannot be read (NOT_FOUND), is cut off or invalid (CONFIG_INVALID), or cannot be written'],
    [2, 'usage error'],
  ],
  prune: [
    [0, 'pruned (or, with --dry-run, counted)'],
    [1, 'fatal: unwritable output, corrupt state'],
    [2, 'usage error: --older-than without a unit h, d or w'],
    [4, 'another crawler holds the output directory'],
  ],
  board: [
    [0, 'the board and the story feeds were written'],
    [1, 'fatal: the output cannot be read or written'],
    [2, 'usage error: bad --since or --base-url, or no wiredesk output there'],
  ],
  discover: [
    [0, 'the site was read; its feeds and news sitemaps (maybe none) were listed'],
    [1, 'the site could not be read (FETCH_*, HTTP_STATUS, BLOCKED_ADDRESS)'],
    [2, 'usage error'],
  ],
  worker: [
    [0, 'stopped by SIGINT/SIGTERM, or (--once) every source of the pass was crawled and written'],
    [3, '(--once) the pass completed, but some sources or articles failed'],
    [1, 'fatal: bad config, the database or the output cannot be used'],
    [2, 'usage error'],
  ],
  'state rebuild': [
    [0, 'the state was rebuilt'],
    [1, 'fatal: the output cannot be read or the state written'],
    [2, 'usage error'],
    [4, 'another crawler holds the output directory'],
  ],
};

const EVERY_COMMAND = 'Any command: a second SIGINT/SIGTERM exits at once with 130/143; a stop that is not done within 9.5 s exits with 1.';

/** The "Exit codes:" section of one command's help. */
export function exitCodesHelp(command: string): string {
  const rows = COMMAND_CODES[command] ?? [];
  return `\nExit codes:\n${rows.map(([code, meaning]) => `  ${code}  ${meaning}`).join('\n')}\n  ${EVERY_COMMAND}\n`;
}

/** The exit codes of every command, for the top-level help. */
export const EXIT_CODES_HELP = `Exit codes: 0 ok, 1 fatal, 2 usage error, 3 partly done (run, extract), 4 output locked by another crawler;
"wiredesk help <command>" lists each command's own. ${EVERY_COMMAND}`;

/** Every command that has an exit-code table (the README and a test check they agree). */
export const COMMANDS_WITH_EXIT_CODES: readonly string[] = Object.keys(COMMAND_CODES);
