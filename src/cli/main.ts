import { EventEmitter } from 'node:events';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { EXIT, type CommandContext } from './command-context.js';
import { EXIT_CODES_HELP, exitCodesHelp } from './exit-codes.js';
import { createStopControl, type SignalSource } from './stop-control.js';
import { createTerminalIo, type IoStreams } from './terminal-io.js';

/** Where a CLI invocation reads, writes and gets signals; every field has the process as default. */
export interface MainIo {
  /** Capture output instead of writing to the streams (tests); no terminal, no EPIPE handling then. */
  out?: (text: string) => void;
  err?: (text: string) => void;
  streams?: IoStreams;
  /** Default: the process when writing to the real streams, none when output is captured. */
  signals?: SignalSource;
  /** Ends the process at once (a stop past its deadline, a second signal); default process.exit. */
  exit?: (code: number) => void;
  stdin?: NodeJS.ReadableStream;
}

/**
 * The CLI entry: turns argv into a command call and the result into an exit code. It does not call
 * process.exit on the normal path (bin/wiredesk.js sets process.exitCode, so pending writes finish);
 * only a stop that overruns its deadline, or a second signal, ends the process at once.
 */
export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const captured = io.out !== undefined || io.err !== undefined;
  const exit = io.exit ?? ((code: number) => process.exit(code));
  const signals = io.signals ?? (captured ? new EventEmitter() : process);
  let stop: ReturnType<typeof createStopControl> | null = null;
  const terminal = captured
    ? null
    : createTerminalIo(io.streams ?? { stdout: process.stdout, stderr: process.stderr }, () => stop?.request('output closed'));
  const err = io.err ?? terminal?.err ?? (() => undefined);
  stop = createStopControl({ signals, exit, tell: err });
  let exitCode: number = EXIT.OK;
  const program = new Command('wiredesk')
    .description('News-wire ingestion and dedup crawler: feeds in, clean articles grouped into stories out.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out ?? terminal?.out ?? (() => undefined), writeErr: err })
    .showHelpAfterError()
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);
  const ctx: CommandContext = {
    program,
    setExitCode: (code) => (exitCode = code),
    out: io.out ?? terminal?.out ?? (() => undefined),
    err,
    logLine: terminal?.logLine ?? ((line) => err(line.endsWith('\n') ? line : `${line}\n`)),
    progress: terminal?.progress ?? (() => undefined),
    stdoutIsTTY: terminal?.stdoutIsTTY ?? false,
    stderrIsTTY: terminal?.stderrIsTTY ?? false,
    stop: stop.signal,
    signals,
    stdin: io.stdin ?? process.stdin,
  };
  for (const register of COMMANDS) register(ctx);
  addExitCodes(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    err(`wiredesk: ${(error as Error).message}\n`);
    return EXIT.FATAL;
  } finally {
    const stopped = stop.signal.aborted;
    stop.dispose();
    terminal?.progress(null);
    // Stopped on request: the work is done and the lock released. Whatever handle might still keep
    // the event loop alive must not keep a stopped daemon around (exit within 10 s of SIGTERM).
    if (stopped && !captured) setTimeout(() => exit(exitCode), 1_000).unref();
  }
  return exitCode;
}

/** Appends each command's exit codes to its `--help` (`state rebuild` under its full name). */
function addExitCodes(program: Command, prefix = ''): void {
  for (const command of program.commands) {
    const name = `${prefix}${command.name()}`;
    if (command.commands.length > 0) addExitCodes(command, `${name} `);
    else command.addHelpText('after', exitCodesHelp(name));
  }
}
