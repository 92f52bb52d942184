export type { ApiMessage, ApiValue } from './types.js';
