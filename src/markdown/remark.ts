/**
 * remarkKlingc: klingc's lint as a unified plugin, so a remark pipeline
 * (remark-cli, a remark-lint preset) reports a storyboard's problems as
 * vfile messages, at their place in the Markdown.
 */
import type { Root } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { isRecord } from "../language/options.js";
import { toVFileMessage } from "../language/vfile.js";
import { validateLintOptions, type LintOptions } from "../lint/engine.js";
import { projectFromTree } from "./project.js";
import { lintProject } from "./storyboard.js";

/** What `lint` takes, less the file name (the vfile's path is used). */
export type RemarkKlingcOptions = Omit<LintOptions, "filename">;

/**
 * Reports every problem `lintMarkdown` finds as a message on the file: the
 * same ids, severities (errors are fatal), places and docs URLs. Reads the
 * tree the pipeline parsed and the file's text; changes neither.
 */
export const remarkKlingc: Plugin<[(RemarkKlingcOptions | null | undefined)?], Root> = function (
  options,
) {
  const given: Record<string, unknown> = isRecord(options) ? options : {};
  return (tree: Root, file: VFile): undefined => {
    const markdown = String(file);
    const validated = validateLintOptions(markdown, {
      ...given,
      ...(file.path !== undefined ? { filename: file.path } : {}),
    });
    for (const diagnostic of lintProject(projectFromTree(tree, markdown), markdown, validated)) {
      const message = toVFileMessage(diagnostic);
      if (file.path !== undefined) message.file = file.path;
      file.messages.push(message);
    }
    return undefined;
  };
};
