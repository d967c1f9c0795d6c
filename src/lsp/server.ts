/**
 * The language server: documents in, diagnostics, fixes, hovers, completions, outlines out.
 * Every handler is guarded: an exception is logged to the client and answered as an error
 * response, so a bad document or request never ends the process.
 */
import { fileURLToPath } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
  type Range,
} from "vscode-languageserver";
import { ConfigError, CONFIG_FILE_NAMES, emptyConfig } from "../config/config.js";
import { RULE_IDS, RULE_OPTIONS, type LintConfig } from "../lint/engine.js";
import { fix } from "../lint/fix.js";
import { createConfigCache, resolveConfigFor, type ConfigCache } from "../node/config-files.js";
import { format } from "../fmt/format.js";
import { formatMarkdown } from "../fmt/markdown.js";
import { analyzeDocument, type Analysis } from "./analysis.js";
import { completionsAt } from "./completion.js";
import { rangeOf, sameRange, toLspDiagnostic, toLspEdit, touches, type Place } from "./convert.js";
import { hoverAt, toHover } from "./hover.js";
import { reanalyseScene } from "./incremental.js";
import { fixedMarkdown, markdownFindings } from "./markdown.js";
import { definitionAt, documentSymbols, foldingRanges, type Symbol } from "./symbols.js";
import { makeDiagnostic, type Diagnostic } from "../language/diagnostics.js";
import { LineIndex } from "../language/positions.js";
import type { DocumentSymbol, TextEdit as LspTextEdit } from "vscode-languageserver";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.klingc`;

export interface ServerOptions {
  /** Milliseconds between the last change and the new diagnostics (initializationOptions.debounceMs overrides it). */
  debounceMs: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

/** Quiet time after which a document linted one scene at a time is analysed whole again. */
export const WHOLE_AFTER_MS = 400;

interface State {
  analysis: Analysis;
  version: number;
}

function isMarkdown(document: TextDocument): boolean {
  return document.languageId === "markdown" || /\.(?:md|markdown)$/i.test(document.uri);
}

/** The file path of a `file:` URI, or undefined for an unsaved buffer. */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function startServer(
  connection: Connection,
  options: ServerOptions = { debounceMs: DEFAULT_DEBOUNCE_MS },
): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, State>();
  const timers = new Map<string, NodeJS.Timeout>();
  let configCache: ConfigCache = createConfigCache();
  let debounceMs = options.debounceMs;
  let canWatch = false;

  /** Runs a handler; an exception is logged and becomes an error response, never a crash. */
  function guard<P, R>(name: string, handler: (params: P) => R): (params: P) => R {
    return (params: P) => {
      try {
        return handler(params);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        connection.console.error(`klingc: ${name} failed: ${message}`);
        throw new ResponseError(ErrorCodes.InternalError, `klingc: ${name} failed: ${message}`);
      }
    };
  }

  /** The file's config, as `klingc lint` finds it; a bad config file is reported on the document and ignored. */
  function configFor(
    uri: string,
    text: string,
  ): { config: LintConfig; problem: ReturnType<typeof makeDiagnostic> | null } {
    const file = pathOf(uri);
    if (file === undefined) return { config: emptyConfig(), problem: null };
    try {
      return {
        config: resolveConfigFor(file, RULE_IDS, configCache, RULE_OPTIONS).config,
        problem: null,
      };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const problem = makeDiagnostic(new LineIndex(text), file, {
        ruleId: "invalid-config",
        severity: "error",
        message: error.message,
        start: 0,
        end: 0,
        url: "https://github.com/klingc/klingc/blob/main/README.md#configuration",
      });
      return { config: emptyConfig(), problem };
    }
  }

  function analyse(document: TextDocument): State {
    const text = document.getText();
    const { config, problem } = configFor(document.uri, text);
    const analysis = analyzeDocument(text, pathOf(document.uri), config);
    if (problem) analysis.diagnostics.unshift(problem);
    const state = { analysis, version: document.version };
    states.set(document.uri, state);
    return state;
  }

  /** The analysis of the document as it is now, whole (made on demand when a request comes before the linting). */
  function current(uri: string): { state: State; place: Place } | null {
    const document = documents.get(uri);
    // Markdown storyboards get diagnostics and fixes only (see fixable).
    if (!document || isMarkdown(document)) return null;
    const known = states.get(uri);
    const state =
      known && known.version === document.version && !known.analysis.partial
        ? known
        : analyse(document);
    return { state, place: { document, base: 0 } };
  }

  /**
   * Diagnostics for the document as it is now: after an edit inside one scene, that scene alone is
   * linted again (see incremental.ts) and a whole analysis follows once typing pauses.
   */
  function publish(uri: string, whole: boolean): void {
    const document = documents.get(uri);
    if (!document) return;
    if (isMarkdown(document)) {
      publishMarkdown(document);
      return;
    }
    const known = states.get(uri);
    let state: State;
    if (known && known.version === document.version && (!whole || !known.analysis.partial))
      state = known;
    else {
      const quick = !whole && known ? reanalyseScene(known.analysis, document.getText()) : null;
      if (quick) {
        state = { analysis: quick, version: document.version };
        states.set(uri, state);
        schedule(uri, WHOLE_AFTER_MS, true);
      } else state = analyse(document);
    }
    const place = { document, base: 0 };
    const diagnostics = state.analysis.diagnostics.map((d) => toLspDiagnostic(d, place));
    void connection.sendDiagnostics({ uri, version: state.version, diagnostics });
  }

  function publishMarkdown(document: TextDocument): void {
    const text = document.getText();
    const { config, problem } = configFor(document.uri, text);
    const found = markdownFindings(text, pathOf(document.uri), config);
    const place = { document, base: 0 };
    const diagnostics = [...(problem ? [problem] : []), ...found].map((d) =>
      toLspDiagnostic(d, place),
    );
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  function schedule(uri: string, delay: number, whole = false): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        try {
          publish(uri, whole);
        } catch (error) {
          connection.console.error(
            `klingc: linting ${uri} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }, delay),
    );
  }

  connection.onInitialize(
    guard("initialize", (params): InitializeResult => {
      const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
      if (typeof init?.debounceMs === "number" && init.debounceMs >= 0)
        debounceMs = init.debounceMs;
      canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
          hoverProvider: true,
          completionProvider: { triggerCharacters: ["=", " "] },
          documentFormattingProvider: true,
          documentSymbolProvider: true,
          foldingRangeProvider: true,
          definitionProvider: true,
        },
        serverInfo: { name: "klingc" },
      };
    }),
  );

  connection.onInitialized(() => {
    // Config files change outside the editor too: ask the client to watch them when it can.
    if (!canWatch) return;
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` })),
      })
      .catch(() => undefined);
  });

  documents.onDidOpen((event) => schedule(event.document.uri, 0, true));
  documents.onDidChangeContent((event) => schedule(event.document.uri, debounceMs));
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    states.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles(
    guard("didChangeWatchedFiles", () => {
      // Any config may extend any other: forget them all and lint every open document again.
      configCache = createConfigCache();
      states.clear();
      for (const document of documents.all()) schedule(document.uri, 0, true);
    }),
  );

  /** A document's findings and a way to fix them all: a .kp file's analysis, or a storyboard's (Markdown positions). */
  function fixable(
    uri: string,
  ): { diagnostics: Diagnostic[]; text: string; place: Place; fixAll: () => string } | null {
    const document = documents.get(uri);
    if (!document) return null;
    const filename = pathOf(uri);
    if (isMarkdown(document)) {
      const text = document.getText();
      const { config } = configFor(uri, text);
      return {
        diagnostics: markdownFindings(text, filename, config),
        text,
        place: { document, base: 0 },
        fixAll: () => fixedMarkdown(text, filename, config),
      };
    }
    const found = current(uri);
    if (!found) return null;
    const { analysis } = found.state;
    const fixAll = () =>
      fix(analysis.text, {
        ...(filename !== undefined ? { filename } : {}),
        config: analysis.config,
      }).output;
    return { diagnostics: analysis.diagnostics, text: analysis.text, place: found.place, fixAll };
  }

  connection.onCodeAction(
    guard("codeAction", (params): CodeAction[] => {
      const found = fixable(params.textDocument.uri);
      if (!found) return [];
      const uri = params.textDocument.uri;
      const only = params.context.only;
      const wants = (kind: string) =>
        !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        for (const d of found.diagnostics) {
          if (!d.fix || d.fix.edits.length === 0) continue;
          const diagnostic = toLspDiagnostic(d, found.place);
          if (!touches(diagnostic.range, params.range)) continue;
          const sent = params.context.diagnostics.find(
            (c) => c.code === d.ruleId && sameRange(c.range, diagnostic.range),
          );
          actions.push({
            title: `${d.fix.description} (${d.ruleId})`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [sent ?? diagnostic],
            isPreferred: true,
            edit: { changes: { [uri]: d.fix.edits.map((e) => toLspEdit(e, found.place)) } },
          });
        }
      }
      if (wants(FIX_ALL_KIND) && found.diagnostics.some((d) => d.fix)) {
        const output = found.fixAll();
        if (output !== found.text) {
          const whole: Range = rangeOf(found.place, 0, found.text.length);
          actions.push({
            title: "Fix all klingc problems",
            kind: FIX_ALL_KIND,
            edit: { changes: { [uri]: [{ range: whole, newText: output }] } },
          });
        }
      }
      return actions;
    }),
  );

  connection.onHover(
    guard("hover", (params) => {
      const found = current(params.textDocument.uri);
      if (!found) return null;
      const hover = hoverAt(
        found.state.analysis,
        found.place.document.offsetAt(params.position) - found.place.base,
      );
      return hover
        ? { ...toHover(hover.markdown), range: rangeOf(found.place, hover.start, hover.end) }
        : null;
    }),
  );

  connection.onCompletion(
    guard("completion", (params) => {
      const found = current(params.textDocument.uri);
      if (!found) return [];
      return completionsAt(
        found.state.analysis,
        found.place.document.offsetAt(params.position) - found.place.base,
      );
    }),
  );

  // No formatter exists yet: the request is answered, with no edits.
  connection.onDocumentFormatting(
    guard("formatting", (params): LspTextEdit[] => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const text = document.getText();
      // The CLI's formatter; a document with a syntax error comes back unchanged, so it gets no edit.
      const { output } = isMarkdown(document) ? formatMarkdown(text) : format(text);
      if (output === text) return [];
      return [
        {
          range: { start: document.positionAt(0), end: document.positionAt(text.length) },
          newText: output,
        },
      ];
    }),
  );

  connection.onDocumentSymbol(
    guard("documentSymbol", (params): DocumentSymbol[] => {
      const found = current(params.textDocument.uri);
      if (!found) return [];
      const convert = (s: Symbol): DocumentSymbol => ({
        name: s.name,
        detail: s.detail,
        kind: s.kind,
        range: rangeOf(found.place, s.span.start.offset, s.span.end.offset),
        selectionRange: rangeOf(found.place, s.selection.start.offset, s.selection.end.offset),
        children: s.children.map(convert),
      });
      return documentSymbols(found.state.analysis.built.analysis.ast).map(convert);
    }),
  );

  connection.onFoldingRanges(
    guard("foldingRange", (params) => {
      const found = current(params.textDocument.uri);
      if (!found) return [];
      // Lines of the analysed text, 1-based; LSP's are 0-based lines of the document.
      const baseLine = found.place.document.positionAt(found.place.base).line;
      return foldingRanges(found.state.analysis.built.analysis.ast).map((f) => ({
        startLine: baseLine + f.startLine - 1,
        endLine: baseLine + f.endLine - 1,
        ...(f.kind ? { kind: f.kind } : {}),
      }));
    }),
  );

  connection.onDefinition(
    guard("definition", (params) => {
      const found = current(params.textDocument.uri);
      if (!found) return null;
      const span = definitionAt(
        found.state.analysis.built.analysis.ast,
        found.place.document.offsetAt(params.position) - found.place.base,
      );
      return span
        ? {
            uri: params.textDocument.uri,
            range: rangeOf(found.place, span.start.offset, span.end.offset),
          }
        : null;
    }),
  );

  documents.listen(connection);
  connection.listen();
}
