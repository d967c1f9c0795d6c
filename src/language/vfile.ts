import { VFileMessage } from "vfile-message";
import type { Diagnostic } from "./diagnostics.js";

/**
 * A diagnostic as a real `VFileMessage`, for unified pipelines and reporters
 * (vfile-reporter prints it as `line:column  severity  reason  ruleId`).
 */
export function toVFileMessage(diagnostic: Diagnostic): VFileMessage {
  const message = new VFileMessage(diagnostic.message, {
    place: diagnostic.place,
    ruleId: diagnostic.ruleId,
    source: diagnostic.source,
  });
  message.fatal = diagnostic.fatal;
  message.url = diagnostic.url;
  if (diagnostic.file !== undefined) message.file = diagnostic.file;
  // vfile-message has no field for related places; its free-form `note` (printed by verbose reporters) carries them.
  if (diagnostic.related) message.note = diagnostic.related.map((r) => `${r.line}:${r.column}: ${r.message}`).join("\n");
  return message;
}
