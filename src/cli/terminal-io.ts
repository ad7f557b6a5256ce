/** The streams a CLI process writes to (process.stdout and process.stderr in production). */
export interface IoStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Output of a CLI process: command output, log lines and a progress line that never run into each other. */
export interface TerminalIo {
  /** Command output (stdout). */
  out(text: string): void;
  /** Messages for people (stderr). */
  err(text: string): void;
  /** One log line (stderr); on a terminal the progress line is cleared before and drawn again after. */
  logLine(line: string): void;
  /** Shows (text) or removes (null) the progress line; only on a terminal, a no-op elsewhere. */
  progress(text: string | null): void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Stops listening to the streams. */
  dispose(): void;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * Wraps stdout and stderr for a command:
 * - the progress line lives on stderr when it is a terminal; every other write clears it first and
 *   draws it again after (log lines, messages, and stdout output when that is the same terminal),
 *   so `sources 3/16 · articles 40/52` never runs into `17:40:33 WARN fetch_retry …`;
 * - a stream whose reader went away (EPIPE: `wiredesk run … | head -1`) is closed quietly: later
 *   writes to it are dropped and `onClosed` is told once, so the command can stop cleanly instead
 *   of dying on an unhandled 'error' event with its lock and state left behind.
 */
export function createTerminalIo(streams: IoStreams, onClosed: (stream: 'stdout' | 'stderr') => void): TerminalIo {
  const closed = { stdout: false, stderr: false };
  const stderrIsTTY = streams.stderr.isTTY === true;
  const stdoutIsTTY = streams.stdout.isTTY === true;
  let status: string | null = null;

  const handlers = (['stdout', 'stderr'] as const).map((name) => {
    const handler = (error: NodeJS.ErrnoException): void => {
      // EPIPE (reader gone), or writes after it (ERR_STREAM_DESTROYED): either way nobody reads.
      // Any other write error (EIO on a hung-up terminal) means the same: nothing more gets through.
      void error;
      if (closed[name]) return;
      closed[name] = true;
      onClosed(name);
    };
    streams[name].on('error', handler);
    return () => streams[name].off('error', handler);
  });

  const write = (name: 'stdout' | 'stderr', text: string): void => {
    if (closed[name] || text === '') return;
    try {
      streams[name].write(text);
    } catch {
      // A synchronous write to a closed pipe: treated as its 'error' event would be.
      if (!closed[name]) {
        closed[name] = true;
        onClosed(name);
      }
    }
  };
  /** Writes `text` to stderr around the progress line. */
  const aroundStatus = (name: 'stdout' | 'stderr', text: string): void => {
    const shown = status !== null && stderrIsTTY;
    const sameTerminal = name === 'stderr' || stdoutIsTTY;
    if (shown && sameTerminal) write('stderr', CLEAR_LINE);
    write(name, text);
    if (shown && sameTerminal) write('stderr', status ?? '');
  };

  return {
    out: (text) => aroundStatus('stdout', text),
    err: (text) => aroundStatus('stderr', text),
    logLine: (line) => aroundStatus('stderr', line.endsWith('\n') ? line : `${line}\n`),
    progress(text) {
      if (!stderrIsTTY) return;
      if (text === status) return;
      status = text;
      write('stderr', CLEAR_LINE + (text ?? ''));
    },
    stdoutIsTTY,
    stderrIsTTY,
    dispose() {
      for (const off of handlers) off();
    },
  };
}
