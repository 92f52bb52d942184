export { VppClient, DEFAULT_SOCKET, DEFAULT_TIMEOUT_MS, bundledDefinitions } from './client.js';
export type { VppClientOptions, ReconnectOptions, MessageStats } from './client.js';
export type { MessageTableMismatch } from './binding.js';
export { SILENT_LOGGER } from './logger.js';
export type { ClientLogger, LogFn, LogLevel } from './logger.js';
export {
  VppApiError,
  VppConnectionError,
  VppFrameTooLargeError,
  VppRestartedError,
  VppTimeoutError,
  VppUnavailableError,
  VppUnsupportedMessageError,
} from './errors.js';
