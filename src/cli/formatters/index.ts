/** The report formats `--format NAME` chooses from. */
import { github } from "./github.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
export type { FileReport, FormatterOptions, Formatter } from "./types.js";
