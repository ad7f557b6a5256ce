import type { Command } from 'commander';

/**
 * What every sub-command module gets: the root program to attach to, and a setter for the
 * process exit code. Only `main` turns that code into the process's exit status.
 */
export interface CommandContext {
  program: Command;
  setExitCode(code: number): void;
  /** Where command output goes (stdout in production, a buffer in tests). */
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Exit codes of the CLI contract. */
export const EXIT = {
  OK: 0,
  FATAL: 1,
  USAGE: 2,
  PARTIAL: 3,
  LOCKED: 4,
} as const;
