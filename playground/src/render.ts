/** Turns the model into the page's panels: budget bars, dropped units, prompts, requests, diagnostics. */
import type { Diagnostic, TargetId } from "klingc";
import { TIERS, type Bar, type PlaygroundModel, type SceneView } from "./model.js";

const numbers = new Intl.NumberFormat("en-US");
/** Numbers read one way everywhere: 2,500. */
export const count = (n: number): string => numbers.format(n);

type Children = (Node | string | null)[];

/** A tiny element builder: tag, attributes, children. */
export function h(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: Children
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? 0 : (100 * part) / whole}%`;
}

function barDescription(bar: Bar): string {
  const kept = TIERS.map((t) => `tier ${t} ${count(bar.kept[t])}`).join(", ");
  const dropped = TIERS.filter((t) => bar.dropped[t] > 0).map(
    (t) => `tier ${t} ${count(bar.dropped[t])}`,
  );
  const limit = bar.budget === null ? "no budget" : `a budget of ${count(bar.budget)}`;
  return `${bar.label}: ${count(bar.chars)} characters against ${limit}. Kept ${kept}, joins ${count(bar.joins)}. ${dropped.length > 0 ? `Dropped ${dropped.join(", ")}.` : "Nothing dropped."}`;
}

/** Kept text by tier, then what was dropped (hatched), on a scale that holds both the budget and everything asked for. */
function budgetBar(bar: Bar): HTMLElement {
  const droppedTotal = bar.dropped[1] + bar.dropped[2] + bar.dropped[3];
  const scale = Math.max(bar.budget ?? 0, bar.chars + droppedTotal, 1);
  const segment = (kind: string, chars: number, title: string): HTMLElement | null =>
    chars > 0
      ? h("span", {
          class: `segment ${kind}`,
          style: `width: ${percent(chars, scale)}`,
          title: `${title}: ${count(chars)} chars`,
        })
      : null;
  const track = h(
    "div",
    { class: "track", role: "img", "aria-label": barDescription(bar) },
    ...TIERS.map((t) => segment(`tier-${t}`, bar.kept[t], `tier ${t} kept`)),
    segment("joins", bar.joins, "spaces and separators"),
    ...TIERS.map((t) => segment(`tier-${t} dropped`, bar.dropped[t], `tier ${t} dropped`)),
    bar.budget === null
      ? null
      : h("span", {
          class: "limit",
          style: `left: ${percent(bar.budget, scale)}`,
          "aria-hidden": "true",
        }),
  );
  const over = bar.budget !== null && bar.chars > bar.budget;
  const figures = h(
    "span",
    { class: over ? "figures over" : "figures" },
    `${count(bar.chars)} / ${bar.budget === null ? "no limit" : count(bar.budget)} chars`,
  );
  const caption = h(
    "div",
    { class: "caption" },
    h("span", { class: "label" }, bar.shot ?? "prompt"),
    figures,
  );
  return h("div", { class: "bar", "data-scene": bar.label }, caption, track, droppedList(bar));
}

function droppedList(bar: Bar): HTMLElement | null {
  if (bar.units.length === 0) return null;
  const items = bar.units.map((unit) =>
    h(
      "li",
      { "data-testid": "dropped-unit" },
      h("span", { class: `chip tier-${unit.tier}` }, `tier ${unit.tier}`),
      " ",
      h("strong", {}, unit.section),
      ` (${count(unit.chars)} chars): `,
      h("q", {}, unit.text),
    ),
  );
  return h(
    "details",
    { class: "dropped", open: "" },
    h("summary", {}, `Dropped: ${bar.units.length} unit${bar.units.length === 1 ? "" : "s"}`),
    h("ul", {}, ...items),
  );
}

function targetNote(scene: SceneView, target: TargetId): string {
  return scene.target === target
    ? scene.target
    : `${scene.target} (the file's engine wins over the default)`;
}

export function renderBudget(
  container: HTMLElement,
  model: PlaygroundModel,
  target: TargetId,
): void {
  const scenes = model.scenes.map((scene) =>
    h(
      "section",
      { class: "scene" },
      h("h3", {}, scene.name, h("span", { class: "target" }, ` · ${targetNote(scene, target)}`)),
      ...scene.bars.map(budgetBar),
    ),
  );
  container.replaceChildren(
    ...(scenes.length > 0
      ? scenes
      : [h("p", { class: "empty" }, "No scene yet: write `scene NAME { … }`.")]),
  );
}

export function renderPrompts(
  container: HTMLElement,
  model: PlaygroundModel,
  copy: (text: string, what: string) => void,
): void {
  const blocks = model.scenes.flatMap((scene) =>
    scene.prompts.map((prompt) => {
      const button = h(
        "button",
        { type: "button", class: "copy", "aria-label": `Copy the prompt of ${prompt.label}` },
        "Copy",
      );
      button.addEventListener("click", () => copy(prompt.text, `the prompt of ${prompt.label}`));
      return h(
        "div",
        { class: "prompt" },
        h("div", { class: "caption" }, h("h3", {}, prompt.label), button),
        h("p", { class: "prompt-text" }, prompt.text || "(empty)"),
      );
    }),
  );
  container.replaceChildren(...blocks);
}

export function renderRequests(container: HTMLElement, model: PlaygroundModel): void {
  const blocks = model.scenes.map((scene) =>
    h(
      "div",
      { class: "request" },
      h("h3", {}, scene.name),
      scene.request === null
        ? h("p", { class: "withheld" }, "No request: the scene has an error (see the diagnostics).")
        : h(
            "pre",
            { tabindex: "0", "aria-label": `Request of ${scene.name}` },
            JSON.stringify(scene.request, null, 2),
          ),
    ),
  );
  container.replaceChildren(...blocks);
}

/** A place in the document (a diagnostic, or a place it refers to). */
export interface Place {
  line: number;
  column: number;
  offset: number;
}

export interface DiagnosticActions {
  goTo: (place: Place) => void;
  fix: (diagnostic: Diagnostic) => void;
}

function placeButton(place: Place, actions: DiagnosticActions): HTMLElement {
  const button = h(
    "button",
    {
      type: "button",
      class: "place",
      "aria-label": `Go to line ${place.line}, column ${place.column}`,
    },
    `${place.line}:${place.column}`,
  );
  button.addEventListener("click", () => actions.goTo(place));
  return button;
}

/** The places a diagnostic refers to (the first of two repeated statements, …), each one a link into the editor. */
function relatedList(diagnostic: Diagnostic, actions: DiagnosticActions): HTMLElement | null {
  const related = diagnostic.related ?? [];
  if (related.length === 0) return null;
  return h(
    "ul",
    { class: "related" },
    ...related.map((r) => h("li", {}, placeButton(r, actions), " ", r.message)),
  );
}

export function renderDiagnostics(
  container: HTMLElement,
  diagnostics: readonly Diagnostic[],
  actions: DiagnosticActions,
): void {
  const items = diagnostics.map((d) => {
    const place = placeButton(d, actions);
    const fix = d.fix
      ? h("button", { type: "button", class: "fix" }, `Fix: ${d.fix.description}`)
      : null;
    fix?.addEventListener("click", () => actions.fix(d));
    return h(
      "li",
      { class: `diagnostic ${d.severity}`, "data-rule": d.ruleId },
      place,
      " ",
      h("span", { class: "severity" }, d.severity),
      " ",
      h("span", { class: "message" }, d.message),
      " ",
      h("a", { href: d.url, target: "_blank", rel: "noopener" }, d.ruleId),
      fix ? " " : null,
      fix,
      relatedList(d, actions),
    );
  });
  container.replaceChildren(
    ...(items.length > 0 ? items : [h("li", { class: "clean" }, "No problems.")]),
  );
}
