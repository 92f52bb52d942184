export type { ApiMessage, ApiValue, CallOptions, VppCaller } from './types.js';
