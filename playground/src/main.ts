/** The playground page: an editor on the left, what klingc makes of it on the right. */
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching } from "@codemirror/language";
import {
  lintGutter,
  lintKeymap,
  setDiagnostics,
  type Action,
  type Diagnostic as CmDiagnostic,
} from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { DEFAULT_TARGET, TARGET_IDS, type Diagnostic, type TargetId } from "klingc";
import { EXAMPLE, EXAMPLE_NAME, FIXTURES } from "./fixtures.js";
import { kpHighlight, kpLanguage } from "./kp-language.js";
import { build, type PlaygroundModel, type Settings } from "./model.js";
import {
  h,
  renderBudget,
  renderDiagnostics,
  renderPrompts,
  renderRequests,
  type Place,
} from "./render.js";
import { remember, restore, shareUrl } from "./share.js";
import "./style.css";

/** Typing pauses this long before a recompile (the compile itself takes a few milliseconds). */
const DEBOUNCE_MS = 150;

function byTestId<T extends HTMLElement>(id: string): T {
  const element = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!element) throw new Error(`the page has no [data-testid="${id}"]`);
  return element;
}

const panels = {
  editor: byTestId<HTMLElement>("editor"),
  diagnostics: byTestId<HTMLElement>("diagnostics"),
  budget: byTestId<HTMLElement>("budget"),
  prompt: byTestId<HTMLElement>("prompt"),
  request: byTestId<HTMLElement>("request"),
  target: byTestId<HTMLSelectElement>("target"),
  budgetInput: byTestId<HTMLInputElement>("budget-input"),
  fixtures: byTestId<HTMLSelectElement>("fixtures"),
  share: byTestId<HTMLButtonElement>("share"),
  status: byTestId<HTMLElement>("status"),
  stats: byTestId<HTMLElement>("stats"),
};

const opened = restore();
const settings: Settings = {
  target: opened?.target ?? DEFAULT_TARGET,
  budget: opened?.budget ?? null,
};
/** The text the panels and the editor's diagnostics were made from. */
let compiledSource: string | null = null;
/** A recompile waiting for typing to pause. */
let pending: ReturnType<typeof setTimeout> | undefined;
let revision = 0;

function say(message: string): void {
  panels.status.textContent = message;
}

function copy(text: string, what: string): void {
  navigator.clipboard.writeText(text).then(
    () => say(`Copied ${what}.`),
    () => say(`Could not copy ${what}: the browser refused access to the clipboard.`),
  );
}

function editsOf(diagnostic: Diagnostic): { from: number; to: number; insert: string }[] {
  return (diagnostic.fix?.edits ?? []).map((e) => ({ from: e.start, to: e.end, insert: e.text }));
}

/** A fix's edits are offsets into the text that was compiled: apply them only to that text. */
function applyFix(view: EditorView, diagnostic: Diagnostic): void {
  if (view.state.doc.toString() !== compiledSource) return recompile();
  view.dispatch({ changes: editsOf(diagnostic), userEvent: "input.fix" });
  view.focus();
}

function docsLink(diagnostic: Diagnostic): HTMLElement {
  return h(
    "span",
    {},
    `${diagnostic.message} `,
    h("a", { href: diagnostic.url, target: "_blank", rel: "noopener" }, diagnostic.ruleId),
  );
}

function toEditor(diagnostic: Diagnostic, length: number): CmDiagnostic {
  const from = Math.min(Math.max(0, diagnostic.offset), length);
  const to = Math.min(Math.max(from, diagnostic.endOffset), length);
  const actions: Action[] = diagnostic.fix
    ? [{ name: diagnostic.fix.description, apply: (view) => applyFix(view, diagnostic) }]
    : [];
  return {
    from,
    to,
    severity: diagnostic.severity,
    message: diagnostic.message,
    source: diagnostic.ruleId,
    renderMessage: () => docsLink(diagnostic),
    actions,
  };
}

function goTo(place: Place): void {
  const anchor = Math.min(place.offset, view.state.doc.length);
  view.dispatch({ selection: { anchor }, scrollIntoView: true });
  view.focus();
}

function recompile(): void {
  clearTimeout(pending);
  const started = performance.now();
  const source = view.state.doc.toString();
  let model: PlaygroundModel;
  try {
    model = build(source, settings);
  } catch (error) {
    // The library promises never to throw; if it does, say so instead of leaving a dead page.
    say(
      `klingc failed on this document: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  compiledSource = source;
  renderBudget(panels.budget, model, settings.target);
  renderPrompts(panels.prompt, model, copy);
  renderRequests(panels.request, model);
  renderDiagnostics(panels.diagnostics, model.diagnostics, { goTo, fix: (d) => applyFix(view, d) });
  view.dispatch(
    setDiagnostics(
      view.state,
      model.diagnostics.map((d) => toEditor(d, source.length)),
    ),
  );
  keep();
  revision++;
  // Compile alone, and the whole update (compile, panels, editor diagnostics): the figures the browser test reports.
  panels.stats.dataset.compileMs = model.millis.toFixed(3);
  panels.stats.dataset.updateMs = (performance.now() - started).toFixed(3);
  panels.stats.dataset.shownAt = performance.now().toFixed(1);
  panels.stats.dataset.revision = String(revision);
  const problems = model.diagnostics.length;
  panels.stats.textContent = `Compiled ${model.scenes.length} scene${model.scenes.length === 1 ? "" : "s"} in ${model.millis.toFixed(1)} ms; ${problems} problem${problems === 1 ? "" : "s"}.`;
}

/** Compressing the document for the link costs a few milliseconds: done after typing pauses, and before the page goes away. */
const KEEP_DELAY_MS = 400;
let keeping: ReturnType<typeof setTimeout> | undefined;
function keepNow(): void {
  clearTimeout(keeping);
  keeping = undefined;
  remember({ source: view.state.doc.toString(), target: settings.target, budget: settings.budget });
}
function keep(): void {
  clearTimeout(keeping);
  keeping = setTimeout(keepNow, KEEP_DELAY_MS);
}
window.addEventListener("pagehide", () => {
  if (keeping !== undefined) keepNow();
});

function schedule(): void {
  clearTimeout(pending);
  pending = setTimeout(recompile, DEBOUNCE_MS);
}

const view = new EditorView({
  parent: panels.editor,
  state: EditorState.create({
    doc: opened?.source ?? EXAMPLE,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      bracketMatching(),
      // No Tab binding: Tab leaves the editor, so the page stays usable from the keyboard. F8 goes to the next diagnostic.
      keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
      kpLanguage,
      kpHighlight,
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": "The .kp document" }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        panels.stats.dataset.editedAt = performance.now().toFixed(1);
        schedule();
      }),
    ],
  }),
});

function setUpControls(): void {
  panels.target.replaceChildren(...TARGET_IDS.map((id) => h("option", { value: id }, id)));
  panels.target.value = settings.target;
  panels.target.addEventListener("change", () => {
    settings.target = panels.target.value as TargetId;
    recompile();
  });
  panels.budgetInput.value = settings.budget === null ? "" : String(settings.budget);
  panels.budgetInput.addEventListener("input", () => {
    const value = panels.budgetInput.valueAsNumber;
    settings.budget = Number.isFinite(value) && value > 0 ? Math.floor(value) : null;
    recompile();
  });
  panels.fixtures.replaceChildren(
    h("option", { value: "" }, "Load an example…"),
    ...[...FIXTURES.keys()].map((name) =>
      h("option", { value: name }, name === EXAMPLE_NAME ? `${name} (the UGC ad)` : name),
    ),
  );
  panels.fixtures.addEventListener("change", () => {
    const text = FIXTURES.get(panels.fixtures.value);
    if (text === undefined) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    panels.fixtures.value = "";
    recompile();
  });
  panels.share.addEventListener("click", () =>
    copy(
      shareUrl({
        source: view.state.doc.toString(),
        target: settings.target,
        budget: settings.budget,
      }),
      "a link to this page",
    ),
  );
}

setUpControls();
recompile();
