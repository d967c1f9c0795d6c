/**
 * `klingc/markdown`: Markdown storyboards. The ```kp blocks of a .md file are
 * compiled, linted and fixed as one project, with positions in the .md, and
 * `remarkKlingc` reports the same findings inside a remark pipeline.
 *
 * Its own entry, not the package root's: it carries a Markdown parser
 * (remark-parse), which the core library does not need, and that parser's
 * browser build reads `document`, which a worker or a server runtime lacks.
 */
export { compileMarkdown, lintMarkdown, fixMarkdown, isMarkdownFile } from "./storyboard.js";
export {
  extractProject,
  type MarkdownProject,
  type OffsetMap,
  type Segment,
  type StoryboardBlock,
} from "./project.js";
export { remarkKlingc, type RemarkKlingcOptions } from "./remark.js";
export { formatMarkdown } from "../fmt/markdown.js";
