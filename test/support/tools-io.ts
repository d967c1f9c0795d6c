/** Runs a tool subcommand in-process and collects what it prints. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../../src/cli/run.js";

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** `klingc NAME ARGS…` in this process (these commands finish synchronously). */
export function runIn(name: string, args: string[]): Ran {
  let out = "";
  let err = "";
  const code = runCommand([name, ...args], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
  });
  if (typeof code !== "number") throw new Error(`klingc ${name} did not finish synchronously`);
  return { code, out, err };
}

/** A fresh folder holding the given files. */
export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-tools-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
