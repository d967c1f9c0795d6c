import { VFileMessage } from "vfile-message";
import type { Diagnostic } from "./diagnostics.js";
import { isRecord, show } from "./options.js";

function isPoint(value: unknown): value is { line: number; column: number } {
  return isRecord(value) && Number.isFinite(value["line"]) && Number.isFinite(value["column"]);
}

/** The diagnostic's place, when it is one (a caller may hand in anything). */
function placeOf(value: unknown): Diagnostic["place"] | undefined {
  return isRecord(value) && isPoint(value["start"]) && isPoint(value["end"])
    ? (value as unknown as Diagnostic["place"])
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * A diagnostic as a real `VFileMessage`, for unified pipelines and reporters
 * (vfile-reporter prints it as `line:column  severity  reason  ruleId`).
 * Never throws: what is not a diagnostic's field is left out, and what is no
 * diagnostic at all becomes a message that says so.
 */
export function toVFileMessage(diagnostic: Diagnostic): VFileMessage {
  const d: Record<string, unknown> = isRecord(diagnostic) ? diagnostic : {};
  const reason = text(d["message"]) ?? `not a klingc diagnostic: ${show(diagnostic)}`;
  const place = placeOf(d["place"]);
  const ruleId = text(d["ruleId"]);
  const source = text(d["source"]);
  const message = new VFileMessage(reason, {
    ...(place ? { place } : {}),
    ...(ruleId ? { ruleId } : {}),
    ...(source ? { source } : {}),
  });
  const fatal = d["fatal"];
  message.fatal = typeof fatal === "boolean" ? fatal : undefined;
  const url = text(d["url"]);
  if (url !== undefined) message.url = url;
  const file = text(d["file"]);
  if (file !== undefined) message.file = file;
  // vfile-message has no field for related places; its free-form `note` (printed by verbose reporters) carries them.
  const related = d["related"];
  if (Array.isArray(related) && related.length > 0) {
    message.note = related
      .map((r: unknown) =>
        isRecord(r)
          ? `${show(r["line"])}:${show(r["column"])}: ${text(r["message"]) ?? ""}`
          : show(r),
      )
      .join("\n");
  }
  return message;
}
