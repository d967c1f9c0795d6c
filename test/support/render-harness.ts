/**
 * What the render tests share: temporary output folders and stand-in queues,
 * both removed after the tests, and fal's real client pointed at a queue.
 */
import { createFalClient } from "@fal-ai/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";
import { startFakeQueue, type FakeQueue, type Faults } from "./fake-queue.js";

/** Registers the clean-up hooks of the calling test file; returns its helpers. */
export function renderHarness(prefix: string) {
  const dirs: string[] = [];
  const queues: FakeQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** A new empty folder, removed after the file's tests. */
    tempDir: (): string => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    /** A stand-in queue, closed after each test. */
    queue: async (faults: Faults = {}): Promise<FakeQueue> => {
      const q = await startFakeQueue(faults);
      queues.push(q);
      return q;
    },
  };
}

/** fal's own client, through the stand-in queue's proxy URL, with its backoff shortened. */
export function falClient(q: FakeQueue) {
  return createFalClient({
    credentials: "test-key",
    proxyUrl: { url: q.proxyUrl, when: "always" },
    retry: { backoffMultiplier: 0.05, enableJitter: false },
  });
}
