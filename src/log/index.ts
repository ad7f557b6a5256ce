export { createLogger, silentLogger } from './create-logger.js';
export type { LogLevel, LoggerOptions } from './create-logger.js';
