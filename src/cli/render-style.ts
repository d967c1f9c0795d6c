/** Terminal output of `klingc render`: progress lines or a live table, the estimate table, the summary. */
import {
  formatUsd,
  type Action,
  type RenderEvent,
  type RenderReport,
  type RunEstimate,
  type SceneEstimate,
} from "../render/index.js";
import type { Io } from "./run.js";

/** 12.4 MB, 840 kB, 512 B (decimal units, as players and file managers show video sizes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** 4m 12s, 12s, 1h 3m. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** What one event says after the scene's name. */
export function describeEvent(event: RenderEvent): string {
  switch (event.type) {
    case "skipped":
      return `skipped (rendered before: ${event.file})`;
    case "submitted":
      return "submitted";
    case "following":
      return `following request ${event.requestId} (submitted before)`;
    case "in-queue":
      return event.position === null ? "in queue" : `in queue (position ${event.position})`;
    case "rendering":
      return "rendering";
    case "downloading":
      return "downloading";
    case "done":
      return `done ${formatBytes(event.bytes)}  ${formatDuration(event.elapsedMs)}`;
    case "retry":
      return `retrying (${event.reason}), attempt ${event.attempt} in ${formatDuration(event.delayMs)}`;
    case "failed":
      return `failed: ${event.error}${event.hints.map((h) => `\n    hint: ${h}`).join("")}`;
    case "interrupted":
      return "interrupted (its request, if submitted, is kept in the manifest)";
  }
}

export interface Progress {
  event: (event: RenderEvent) => void;
  stop: () => void;
}

/** One line per state change on a pipe or a file; a table redrawn in place on a terminal. */
export function createProgress(
  stream: { isTTY?: boolean; columns?: number },
  io: Io,
  names: readonly string[],
): Progress {
  const width = Math.max(0, ...names.map((n) => n.length));
  const label = (scene: string): string => scene.padEnd(width);
  if (!stream.isTTY)
    return {
      event: (e) => io.err(`${label(e.scene)}  ${describeEvent(e)}\n`),
      stop: () => undefined,
    };
  return liveTable(io, names, label, stream.columns ?? 80);
}

function liveTable(
  io: Io,
  names: readonly string[],
  label: (scene: string) => string,
  columns: number,
): Progress {
  const rows = new Map(names.map((n) => [n, { text: "waiting", since: Date.now(), live: false }]));
  let drawn = 0;
  const draw = (): void => {
    const lines = [...rows].map(([name, row]) => {
      const clock = row.live ? `  ${formatDuration(Date.now() - row.since)}` : "";
      return `${label(name)}  ${row.text.split("\n")[0]}${clock}`.slice(
        0,
        Math.max(20, columns - 1),
      );
    });
    // Back to the table's first line, then each row over its old text.
    io.err(`${drawn > 0 ? `\x1b[${drawn}A` : ""}${lines.map((l) => `\x1b[2K${l}\n`).join("")}`);
    drawn = lines.length;
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  let stopped = false;
  return {
    event: (e) => {
      const row = rows.get(e.scene);
      if (!row) return;
      if (e.type === "submitted" || e.type === "following") row.since = Date.now();
      row.text = describeEvent(e);
      row.live = !["done", "failed", "skipped", "interrupted"].includes(e.type);
      draw();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      draw();
      // The table shows one line a scene: a failure's hints are printed in full below it.
      for (const [name, row] of rows)
        if (row.text.includes("\n")) io.err(`${label(name)}  ${row.text}\n`);
    },
  };
}

/** `3 done, 1 failed, 0 skipped in 4m 12s`, and what an interruption left. */
export function renderSummary(report: RenderReport): string {
  const count = (outcome: string): number =>
    report.scenes.filter((s) => s.outcome === outcome).length;
  const line = `${count("done")} done, ${count("failed")} failed, ${count("skipped")} skipped in ${formatDuration(report.elapsedMs)}`;
  if (report.outcome !== "interrupted") return line;
  const open = report.scenes.filter(
    (s) => s.outcome === "interrupted" && s.requestId !== null,
  ).length;
  return `${line}; interrupted: ${open} submitted request${open === 1 ? "" : "s"} kept in ${report.manifest}; run the same command to resume`;
}

interface EstimateRow {
  name: string;
  action: Action;
  estimate: SceneEstimate;
}

/** Per scene and in total: seconds of video, price and render time, each figure with a numbered source. */
export function estimateTable(
  rows: readonly EstimateRow[],
  total: RunEstimate,
  concurrency: number,
): string {
  const sources: string[] = [];
  const cite = (figure: { source: string; date: string }): string => {
    const text = `${figure.source} (${figure.date})`;
    if (!sources.includes(text)) sources.push(text);
    return `[${sources.indexOf(text) + 1}]`;
  };
  const table = rows.map((r) => [
    r.name,
    r.action === "skip" ? "skip" : r.action === "follow" ? "follow" : "submit",
    r.estimate.seconds === null ? "unknown" : `${r.estimate.seconds} s`,
    r.estimate.price
      ? `$${formatUsd(r.estimate.price.value)} ${cite(r.estimate.price)}`
      : "unknown",
    r.estimate.time
      ? `about ${formatDuration(r.estimate.time.value * 1000)} ${cite(r.estimate.time)}`
      : "unknown",
  ]);
  const allUnknown =
    total.unknownPrice.length > 0 &&
    total.unknownPrice.length === rows.filter((r) => r.action === "submit").length;
  const price =
    total.usd !== null
      ? `$${formatUsd(total.usd)}`
      : allUnknown
        ? "unknown"
        : `at least $${formatUsd(total.knownUsd)} (unknown: ${total.unknownPrice.join(", ")})`;
  const time =
    total.wallSeconds === null
      ? "unknown"
      : `about ${formatDuration(total.wallSeconds * 1000)} with ${concurrency} at once`;
  const all = [
    ["scene", "action", "video", "price", "render time"],
    ...table,
    ["total to submit", "", `${total.seconds} s`, price, time],
  ];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length))) ?? [];
  const lines = all.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  const note = "render times: a source's figure for one length, scaled by the video's length";
  return `${[...lines, ...sources.map((s, i) => `[${i + 1}] ${s}`), note].join("\n")}\n`;
}
