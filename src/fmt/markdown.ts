/**
 * `format` for Markdown storyboards: each ```kp block is formatted on its
 * own, inside the block only; every byte outside the blocks stays as it was
 * (checked: a result that would change one is not used). A block with a
 * syntax error is left as it is and reported where it stands in the Markdown.
 */
import type { Diagnostic } from "../language/diagnostics.js";
import {
  validateFilename,
  validateRecord,
  validateSource,
  OptionProblems,
} from "../language/options.js";
import { LineIndex } from "../language/positions.js";
import { extractProject, outsideBlocks } from "../markdown/project.js";
import { toMarkdownDiagnostics } from "../markdown/remap.js";
import { format, type FormatOptions, type FormatResult } from "./format.js";

/** A block's formatted code, every line after the first behind the block's prefix (a blank line behind the prefix's visible part). */
function indented(code: string, prefix: string): string {
  const lines = code.split(/(\r\n|\r|\n)/);
  let out = lines[0] ?? "";
  for (let i = 1; i < lines.length; i += 2) {
    const line = lines[i + 1] ?? "";
    out += (lines[i] ?? "\n") + (line === "" ? prefix.trimEnd() : prefix) + line;
  }
  return out;
}

function withoutFinalLineBreak(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  return text.endsWith("\n") || text.endsWith("\r") ? text.slice(0, -1) : text;
}

/**
 * `format` for a Markdown storyboard (see the header): the ```kp blocks are
 * formatted, nothing else changes. Pure; never throws.
 */
export function formatMarkdown(markdown: string, options?: FormatOptions): FormatResult {
  const problems = new OptionProblems();
  const text = validateSource(markdown, problems);
  const raw = validateRecord(options, "", problems);
  const filename = validateFilename(raw["filename"], problems);
  const project = extractProject(text);
  const diagnostics: Diagnostic[] = problems.diagnostics(new LineIndex(text), filename);
  let output = "";
  let at = 0;
  project.blocks.forEach((block, i) => {
    const next = project.blocks[i + 1];
    const code = project.source.slice(
      block.sourceStart,
      next ? next.sourceStart - 1 : project.source.length,
    );
    const result = format(code, filename === undefined ? {} : { filename });
    const shifted = result.diagnostics.map((d) => ({
      ...d,
      offset: d.offset + block.sourceStart,
      endOffset: d.endOffset + block.sourceStart,
    }));
    for (const d of toMarkdownDiagnostics(project, text, shifted)) diagnostics.push(d);
    const formatted = withoutFinalLineBreak(result.output);
    output +=
      text.slice(at, block.start) +
      (result.output === code ? code : indented(formatted, block.prefix));
    at = block.end;
  });
  output += text.slice(at);
  const before = outsideBlocks(text, project);
  const after = outsideBlocks(output, extractProject(output));
  const same = before.length === after.length && before.every((piece, i) => piece === after[i]);
  return { output: same ? output : text, diagnostics };
}
