import { execFileSync } from "node:child_process";

/** Tests that run `bin/klingc.cjs` need the bundled CLI of the current sources. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs", "--cli-only"], { stdio: "inherit" });
}
