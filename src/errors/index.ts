export { WiredeskError, isWiredeskError, isFatalCode, toWiredeskError } from './wiredesk-error.js';
export type { ErrorCode, ErrorRecord, WiredeskErrorOptions } from './wiredesk-error.js';
