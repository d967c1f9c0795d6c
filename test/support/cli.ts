/** `klingc ARGS…` run in this process through the CLI's own `run`, with what it printed (colour codes removed). */
import { run } from "../../src/cli/run.js";

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function cli(...argv: string[]): CliResult {
  let out = "";
  let err = "";
  const code = run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out: out.replace(ANSI, ""), err: err.replace(ANSI, "") };
}
