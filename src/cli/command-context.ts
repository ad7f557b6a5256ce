import type { Command } from 'commander';
import type { SignalSource } from './stop-control.js';

/**
 * What every sub-command module gets: the root program to attach to, a setter for the process exit
 * code, where output goes, and the stop request. Only `main` turns the code into the exit status.
 */
export interface CommandContext {
  program: Command;
  setExitCode(code: number): void;
  /** Command output (stdout in production, a buffer in tests). */
  out: (text: string) => void;
  /** Messages for people (stderr). */
  err: (text: string) => void;
  /** One log line; on a terminal the progress line is cleared and drawn again around it. */
  logLine: (line: string) => void;
  /** The progress line on a terminal (null removes it); a no-op elsewhere. */
  progress: (text: string | null) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Aborts on SIGINT/SIGTERM, or when stdout or stderr is closed (EPIPE): stop starting work. */
  stop: AbortSignal;
  /** Signals beyond the stop ones (the daemon reloads its config on SIGHUP). */
  signals: SignalSource;
  /** Standard input (`cluster --input -`). */
  stdin: NodeJS.ReadableStream;
}

/** Exit codes of the CLI contract. */
export const EXIT = {
  OK: 0,
  FATAL: 1,
  USAGE: 2,
  PARTIAL: 3,
  LOCKED: 4,
} as const;
