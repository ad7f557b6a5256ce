export { main } from './main.js';
export { EXIT } from './command-context.js';
export type { CommandContext } from './command-context.js';
