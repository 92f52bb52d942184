export { VppClient, DEFAULT_SOCKET, DEFAULT_TIMEOUT_MS, bundledDefinitions } from './client.js';
export type { VppClientOptions, ReconnectOptions, MessageTableMismatch, MessageStats } from './client.js';
export {
  VppApiError,
  VppConnectionError,
  VppFrameTooLargeError,
  VppTimeoutError,
  VppUnsupportedMessageError,
} from './errors.js';
