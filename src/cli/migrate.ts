/** `klingc migrate FILE.json`: Kling V3 request bodies as O3 requests (JSON) or as a `.kp` scene (`--to kp`). */
import { basename, extname } from "node:path";
import { migrateRequests } from "../migrate/migrate.js";
import { requestsToKp } from "../migrate/to-kp.js";
import { readSource, UsageError } from "../node/files.js";
import { diagnosticLine, makeChalk } from "./style.js";
import type { Io } from "./commands/command.js";

export interface MigrateFlags {
  endpoint?: string | undefined;
  to?: string | undefined;
}

/** The command with its arguments parsed (commands/ declares them). */
export function migrateFile(positionals: string[], values: MigrateFlags, io: Io): number {
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "no input file" : "migrate takes one file", {
      showHelp: true,
    });
  if (values.to !== undefined && values.to !== "kp" && values.to !== "json")
    throw new UsageError(`--to takes kp or json, not '${values.to}'`, { showHelp: true });
  const file = positionals[0] as string;
  const source = readSource(file);
  const chalk = makeChalk(process.stderr);
  if (source.problem) {
    io.err(`${diagnosticLine(source.problem, chalk)}\n`);
    return 2;
  }
  const result = migrateRequests(source.text, {
    filename: file,
    ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
  });
  if (result.diagnostics.length > 0) {
    for (const d of result.diagnostics) io.err(`${diagnosticLine(d, chalk)}\n`);
    return 2;
  }
  const many = result.requests.length > 1;
  for (const change of result.changes)
    io.err(`${many ? `request ${change.request + 1}: ` : ""}${change.field}: ${change.message}\n`);
  if (values.to === "kp") {
    const kp = requestsToKp(result, basename(file, extname(file)));
    for (const note of kp.notes) io.err(`${note}\n`);
    io.out(kp.text);
  } else
    io.out(`${JSON.stringify(result.array ? result.requests : result.requests[0], null, 2)}\n`);
  return 0;
}
