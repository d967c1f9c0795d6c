#!/usr/bin/env node
/**
 * A renderer's view of klingc: compile a project, then send each scene's
 * request to the video service with at most three in flight (the concurrency
 * Kling allows), skipping the scenes compile gave no request (`request: null`:
 * the scene has an error a renderer cannot get past).
 *
 *   node examples/render-queue.mjs [file.kp]     (default: fixtures/ugc-ad.kp)
 *
 * `send` is a stand-in: it prints the request and waits a little, as a real
 * call would. A real renderer would submit the request there, e.g. with fal's
 * client for a fal endpoint:
 *
 *   await fal.subscribe(request.endpoint, { input: request.input });
 *
 * (sora-2's endpoint is "POST /videos" on OpenAI's API instead; its
 * `input_reference` is a file the caller uploads.) To render on fal for real,
 * with retries, polling and downloads, use `klingc render` or `klingc/render`.
 *
 * What it prints, one line each, so a script can read it:
 *
 *   skip <scene>: <why>             a scene without a request
 *   send <JSON>                     { scene, endpoint, input } as it is sent
 *   done <scene>                    the stand-in call returned
 *   max in flight: <n>              at the end
 *
 * Diagnostics go to stderr as file:line:column.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compile } from "klingc";

/** Kling's concurrency: how many of an account's renders run at once (set it to what your account allows). */
const MAX_IN_FLIGHT = 3;

const file = process.argv[2] ?? fileURLToPath(new URL("../fixtures/ugc-ad.kp", import.meta.url));
const { scenes, diagnostics } = compile(await readFile(file, "utf8"), { filename: file });

for (const d of diagnostics) {
  console.error(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} (${d.ruleId})`);
}

const ready = [];
for (const scene of scenes) {
  if (scene.request === null)
    console.log(`skip ${scene.name}: it has an error (see the diagnostics)`);
  else ready.push(scene);
}

let inFlight = 0;
let maxInFlight = 0;

/** The stand-in for a real call: prints what would be sent, then takes a little time, some calls longer than others. */
async function send(scene, index) {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  console.log(`send ${JSON.stringify({ scene: scene.name, ...scene.request })}`);
  await new Promise((resolve) => setTimeout(resolve, 20 + (index % 3) * 15));
  inFlight--;
  console.log(`done ${scene.name}`);
}

/** Runs `work` over `items` in order, never more than `limit` at a time: each lane takes the next item when its last one is done. */
async function queue(items, limit, work) {
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

await queue(ready, MAX_IN_FLIGHT, send);
console.log(`max in flight: ${maxInFlight}`);
