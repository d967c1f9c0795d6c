/**
 * V8 tuning for runs over many files. A lint of 1,000 small files spends most of
 * its CPU warming V8 up, and TurboFan's inlining makes each background compile of
 * a hot function about twice as costly: without it such a run costs ~15% less CPU,
 * and a 5 MB compile no more (npm run bench: lint-1000, compile).
 *
 * Set once the run knows its files, not at start-up: loading node:v8 costs a
 * one-file run ~2.5 ms, and the code cache bin/klingc.cjs hands V8 is accepted
 * only under the flags it was made with (TurboFan reads this one at each compile,
 * so setting it after the bundle is loaded takes effect).
 */
import { setFlagsFromString } from "node:v8";

/** Below this many files TurboFan has too little to compile for the flag to matter. */
const MANY_FILES = 100;

let tuned = false;

export function tuneForManyFiles(files: number): void {
  if (tuned || files < MANY_FILES) return;
  tuned = true;
  // Only on the V8 versions it was measured on: another may have renamed the flag, and would print an error for it.
  const major = Number(process.versions.v8.split(".")[0]);
  if (major >= 11 && major <= 13) setFlagsFromString("--no-turbo-inlining");
}
