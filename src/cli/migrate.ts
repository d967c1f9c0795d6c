/** `klingc migrate FILE.json`: Kling V3 request bodies as O3 requests (JSON) or as a `.kp` scene (`--to kp`). */
import { basename, extname } from "node:path";
import { parseArgs } from "node:util";
import { migrateRequests } from "../migrate/migrate.js";
import { requestsToKp } from "../migrate/to-kp.js";
import { readSource, UsageError } from "../node/files.js";
import { formatDiagnostic, makeChalk } from "./format.js";
import type { Io } from "./run.js";

export const MIGRATE_USAGE = `Usage: klingc migrate [--endpoint PATH] [--to kp] FILE.json
  Turns Kling V3 request bodies ({ endpoint, input }, a bare input with
  --endpoint, or an array of either) into O3 requests: JSON on stdout,
  what changed and why on stderr.
  --endpoint PATH   the V3 endpoint of bare inputs
  --to kp           write a .kp scene a request instead of JSON
`;

export interface MigrateFlags {
  endpoint?: string | undefined;
  to?: string | undefined;
}

export function runMigrate(args: string[], io: Io): number {
  const { values, positionals } = parseFlags(args);
  if (values.help) {
    io.out(MIGRATE_USAGE);
    return 0;
  }
  return migrateFile(positionals, values, io);
}

/** The command once its arguments are read (also what a command registry calls). */
export function migrateFile(positionals: string[], values: MigrateFlags, io: Io): number {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no input file" : "migrate takes one file", { showHelp: true });
  if (values.to !== undefined && values.to !== "kp" && values.to !== "json") throw new UsageError(`--to takes kp or json, not '${values.to}'`, { showHelp: true });
  const file = positionals[0] as string;
  const source = readSource(file);
  const chalk = makeChalk(process.stderr);
  if (source.problem) {
    io.err(`${formatDiagnostic(source.problem, chalk)}\n`);
    return 2;
  }
  const result = migrateRequests(source.text, { filename: file, ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}) });
  if (result.diagnostics.length > 0) {
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(d, chalk)}\n`);
    return 2;
  }
  const many = result.requests.length > 1;
  for (const change of result.changes) io.err(`${many ? `request ${change.request + 1}: ` : ""}${change.field}: ${change.message}\n`);
  if (values.to === "kp") {
    const kp = requestsToKp(result, basename(file, extname(file)));
    for (const note of kp.notes) io.err(`${note}\n`);
    io.out(kp.text);
  } else io.out(`${JSON.stringify(result.array ? result.requests : result.requests[0], null, 2)}\n`);
  return 0;
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: { endpoint: { type: "string" }, to: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments", { showHelp: true });
  }
}
