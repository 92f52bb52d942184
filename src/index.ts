export { VppstateError } from './errors.js';
export * from './api/index.js';
