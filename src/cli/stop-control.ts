/** Where signals come from (the process in production, an emitter in tests). */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Why a command was asked to stop. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'output closed';

/** The stop request of one CLI invocation. */
export interface StopControl {
  /** Aborts on the first SIGINT/SIGTERM or when an output stream closes. */
  readonly signal: AbortSignal;
  /** Asks the command to stop (the streams call this on EPIPE). */
  request(reason: StopReason): void;
  /** Stops listening for signals. */
  dispose(): void;
}

/** Options of `createStopControl`. */
export interface StopControlOptions {
  signals: SignalSource;
  /** Ends the process at once with this code (process.exit in production). */
  exit: (code: number) => void;
  /** A message for the operator (stderr). */
  tell: (text: string) => void;
  /** After the first request, the process ends by this time whatever is still running (default 9.5 s). */
  deadlineMs?: number;
}

/** Exit codes of a process ended by a second signal, as a shell reports a signal death (128 + n). */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGINT and SIGTERM as a command sees them. The first one aborts `signal`: the command stops
 * starting work, aborts what is in flight, writes what is complete, releases its lock and returns
 * its exit code (the daemon: 0). Should that not be done within the deadline, the process exits
 * with 1; a second signal exits at once with 128 + the signal's number. Every file is written
 * atomically and the output lock is held by the OS, so neither leaves damage behind.
 *
 * Signals are never re-raised: a process that is PID 1 in a container ignores a signal whose
 * handler is the default, so ending "by the signal" would not end it at all. It exits by its code.
 */
export function createStopControl(options: StopControlOptions): StopControl {
  const controller = new AbortController();
  const deadlineMs = options.deadlineMs ?? 9_500;
  let deadline: NodeJS.Timeout | null = null;

  const request = (reason: StopReason): void => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    deadline = setTimeout(() => {
      options.tell(`wiredesk: could not stop within ${deadlineMs} ms of ${reason}: exiting\n`);
      options.exit(1);
    }, deadlineMs);
    deadline.unref();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      options.tell(`wiredesk: second ${signal}: exiting at once\n`);
      options.exit(SIGNAL_EXIT[signal] ?? 1);
      return;
    }
    request(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  };
  options.signals.on('SIGINT', onSignal);
  options.signals.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    request,
    dispose() {
      options.signals.off('SIGINT', onSignal);
      options.signals.off('SIGTERM', onSignal);
      if (deadline !== null) clearTimeout(deadline);
    },
  };
}
