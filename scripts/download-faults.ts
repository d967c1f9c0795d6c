/**
 * How long `render` takes when a video's download stalls (headers, then no
 * byte) or trickles (32 bytes a second), against the stand-in queue on
 * 127.0.0.1 with klingc's default download limits and retries:
 *
 *   npx tsx scripts/download-faults.ts [--give-up MINUTES]
 *
 * Prints each scene's outcome and when it ended, then the run's length. The
 * run is aborted after --give-up minutes (default 30) if it has not ended.
 * Before the download limits (fb67dfb): the stalled scene failed after 912 s
 * (three attempts of 300 s, undici's body timeout) and the trickling one was
 * still downloading when the run was given up at 25 minutes. After: both
 * failed after 100 s (three attempts of 30 s, 2 s and 4 s between them).
 */
import { createFalClient } from "@fal-ai/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../src/index.js";
import { render } from "../src/render/index.js";
import { startFakeQueue } from "../test/support/fake-queue.js";
import { storyboard } from "../test/support/render-fixture.js";

const at = process.argv.indexOf("--give-up");
const giveUpMinutes = at > 0 ? Number(process.argv[at + 1]) : 30;
const queue = await startFakeQueue({
  stall: { stalled: Infinity },
  trickle: { trickling: Infinity },
  size: { trickling: 12_000_000 },
});
const out = mkdtempSync(join(tmpdir(), "klingc-download-faults-"));
const controller = new AbortController();
const giveUp = setTimeout(() => controller.abort(), giveUpMinutes * 60_000);
const started = Date.now();
const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const report = await render(compile(storyboard(["ok", "stalled", "trickling"]), {}), {
  out,
  client: createFalClient({ credentials: "k", proxyUrl: { url: queue.proxyUrl, when: "always" } }),
  pollInterval: 50,
  signal: controller.signal,
  onEvent: (e) => {
    if (e.type === "done" || e.type === "failed" || e.type === "retry")
      console.log(
        `${seconds()}  ${e.scene} ${e.type}${"reason" in e ? `: ${e.reason}` : ""}${"error" in e ? `: ${e.error}` : ""}`,
      );
  },
});
clearTimeout(giveUp);
for (const scene of report.scenes)
  console.log(`${scene.name}: ${scene.outcome}${scene.error ? ` (${scene.error})` : ""}`);
console.log(
  `${report.outcome === "interrupted" ? `gave up after ${giveUpMinutes} min` : `run ended (${report.outcome})`} in ${seconds()}; downloads tried: ${queue.downloads.join(", ")}`,
);
await queue.close();
rmSync(out, { recursive: true, force: true });
