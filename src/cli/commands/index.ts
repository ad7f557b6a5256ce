import type { CommandContext } from '../command-context.js';
import { registerRunCommand } from './run-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerFeedCommand } from './feed-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerStoriesCommand } from './stories-command.js';
import { registerImportOpmlCommand } from './import-opml-command.js';
import { registerPruneCommand } from './prune-command.js';
import { registerStateCommand } from './state-command.js';
import { registerScheduleCommand } from './schedule-command.js';
import { registerExtractCommand } from './extract-command.js';
import { registerClusterCommand } from './cluster-command.js';
import { registerBoardCommand } from './board-command.js';
import { registerDiscoverCommand } from './discover-command.js';
import { registerWorkerCommand } from './worker-command.js';

/** Each sub-command lives in its own file and registers itself here (one line per command). */
export const COMMANDS: ReadonlyArray<(ctx: CommandContext) => void> = [
  registerRunCommand,
  registerDemoCommand,
  registerFeedCommand,
  registerStatusCommand,
  registerStoriesCommand,
  registerImportOpmlCommand,
  registerPruneCommand,
  registerStateCommand,
  registerScheduleCommand,
  registerExtractCommand,
  registerClusterCommand,
  registerBoardCommand,
  registerDiscoverCommand,
  registerWorkerCommand,
];
