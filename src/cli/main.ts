import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { EXIT, type CommandContext } from './command-context.js';

/**
 * The CLI entry: turns argv into a command call and the result into an exit code.
 * Never calls process.exit itself (bin/wiredesk.js sets process.exitCode), so pending writes finish.
 */
export async function main(argv: string[], io: { out?: (t: string) => void; err?: (t: string) => void } = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  let exitCode: number = EXIT.OK;
  const program = new Command('wiredesk')
    .description('News-wire ingestion and dedup crawler: feeds in, clean articles grouped into stories out.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err })
    .showHelpAfterError();
  const ctx: CommandContext = { program, setExitCode: (code) => (exitCode = code), out, err };
  for (const register of COMMANDS) register(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    err(`wiredesk: ${(error as Error).message}\n`);
    return EXIT.FATAL;
  }
  return exitCode;
}
