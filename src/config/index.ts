/**
 * The configuration language: load YAML (files, directories, stdin, multi-document streams),
 * validate (JSON Schema, then meaning), produce the typed model (src/model/types.ts), and write
 * the model back as YAML (export).
 */
export { ConfigError, ConfigValidationError, sortConfigErrors } from './errors.js';
export type { ConfigErrorCode, ConfigErrorJson } from './errors.js';
export { ConfigPositions, loadConfig, loadConfigFromInputs, loadConfigOrThrow, parseConfig } from './load.js';
export type { LoadedConfig, LoadTimings } from './load.js';
export { stateToDocument, stateToYaml } from './serialize.js';
export { formatPath, readInputs, STDIN_NAME } from './source.js';
export type { ConfigInput, Path } from './source.js';
export { API_VERSION, KIND, schemaFiles, topLevelSchema } from './schema/index.js';
