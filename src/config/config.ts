/**
 * klingc configuration: validation, merging and per-file resolution.
 *
 * Pure on purpose (no file system, no `node:` imports) so editors, a web
 * playground and tests can use it on text they already hold. Reading files and
 * walking directories lives in `src/node/config-files.ts`.
 *
 * Config files are JSON only and nothing in them is executed.
 */
export * from "./types.js";
export * from "./errors.js";
export * from "./json.js";
export * from "./validate.js";
export * from "./merge.js";
export * from "./files.js";
