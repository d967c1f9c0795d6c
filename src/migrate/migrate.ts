/**
 * `migrateRequests`: Kling V3 request bodies (JSON text: one request or an
 * array) become O3 requests. Field names, endpoint paths and defaults come
 * from the target profiles; the negative prompt becomes an `Avoid:` clause
 * packed within O3's prompt limit. Pure; never throws: bad JSON or a body
 * that is no V3 request is an error diagnostic at its line and column.
 */
import * as jsonc from "jsonc-parser";
import { describeJsonError } from "../config/json.js";
import { makeDiagnostic, formatNumber, type Diagnostic } from "../language/diagnostics.js";
import {
  validateFilename,
  validateRecord,
  OptionProblems,
  RUN_DOCS,
  show,
} from "../language/options.js";
import { LineIndex } from "../language/positions.js";
import {
  encodeDuration,
  endpointFor,
  getProfile,
  parseEndpoint,
  type Profile,
} from "../targets/profiles.js";
import { appendAvoid, negativeTerms } from "./avoid.js";

/** What `migrateRequests` takes besides the JSON text. */
export interface MigrateOptions {
  /** The V3 endpoint of bare inputs (bodies without `{ endpoint, input }`). */
  endpoint?: string;
  /** Shown in diagnostics. */
  filename?: string;
}

/** A value JSON can hold. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A Kling O3 request as migration writes it: the endpoint path and the input body. */
export interface O3Request {
  endpoint: string;
  input: Record<string, JsonValue>;
}

/** One thing the migration did to one request, and why. */
export interface MigrationChange {
  /** 0-based index of the request in the input. */
  request: number;
  field: string;
  message: string;
}

/** What one request said, for writing it as a `.kp` scene (`requestsToKp`). */
export interface MigrationSource {
  /** The V3 quality (`standard`, `pro`, `4k`). */
  quality: string;
  prompt: string | null;
  shots: { prompt: string; duration: string | null }[] | null;
  avoid: string[];
}

/** What `migrateRequests` gives back. */
export interface MigrateResult {
  /** The O3 requests, in input order; empty when the input could not be read. */
  requests: O3Request[];
  /** Whether the input was an array (so the output is one too). */
  array: boolean;
  /** What each request lost or gained, for the user. */
  changes: MigrationChange[];
  /** What `--to kp` needs: each request's quality, prompt or shots, and avoid terms (all of them). */
  sources: MigrationSource[];
  /** Errors (bad JSON, a body that is no V3 request): with any error, `requests` is empty. */
  diagnostics: Diagnostic[];
}

const PROMPT = "prompt";
const SHOT_TYPE = "shot_type";

class Failure {
  constructor(
    readonly message: string,
    readonly node: jsonc.Node | undefined,
  ) {}
}

/** Kling V3 request bodies (JSON text) → O3 requests, with what changed and why (see the header). Pure; never throws. */
export function migrateRequests(text: string, options?: MigrateOptions): MigrateResult {
  const problems = new OptionProblems();
  const raw = validateRecord(options, "", problems);
  const filename = validateFilename(raw["filename"], problems);
  const endpoint = raw["endpoint"];
  if (endpoint !== undefined && typeof endpoint !== "string")
    problems.add("endpoint", `must be a string, not ${show(endpoint)}`);
  const source = typeof text === "string" ? text : "";
  if (typeof text !== "string")
    problems.messages.push(`the text must be a string, not ${show(text)}; it is read as empty`);
  const lines = new LineIndex(source);
  const optionErrors = problems.diagnostics(lines, filename);
  const error = (message: string, start: number, end: number): MigrateResult => ({
    requests: [],
    array: false,
    changes: [],
    sources: [],
    diagnostics: [
      ...optionErrors,
      makeDiagnostic(lines, filename, {
        ruleId: "invalid-request",
        severity: "error",
        message,
        start,
        end,
        url: RUN_DOCS,
      }),
    ],
  });
  const body = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(source.slice(body), errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first || !root) {
    const offset = body + (first?.offset ?? 0);
    return error(
      `invalid JSON: ${first ? describeJsonError(source.slice(body), first) : "no value"}`,
      offset,
      offset + (first?.length ?? 0),
    );
  }
  const array = root.type === "array";
  const items = array ? (root.children ?? []) : [root];
  const result: MigrateResult = {
    requests: [],
    array,
    changes: [],
    sources: [],
    diagnostics: optionErrors,
  };
  for (const [index, item] of items.entries()) {
    const migrated = migrateOne(item, index, typeof endpoint === "string" ? endpoint : undefined);
    if (migrated instanceof Failure) {
      const at = migrated.node ?? item;
      return error(migrated.message, body + at.offset, body + at.offset + at.length);
    }
    result.requests.push(migrated.request);
    result.sources.push(migrated.source);
    result.changes.push(...migrated.changes);
  }
  return result;
}

function property(node: jsonc.Node, key: string): jsonc.Node | undefined {
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

interface Migrated {
  request: O3Request;
  source: MigrationSource;
  changes: MigrationChange[];
}

/** `{ endpoint, input }`, or a bare input when `--endpoint` names the endpoint. */
function migrateOne(
  item: jsonc.Node,
  index: number,
  endpointOption: string | undefined,
): Migrated | Failure {
  if (item.type !== "object")
    return new Failure(
      `a request is a JSON object ({ endpoint, input } or a bare input), not ${describeNode(item)}`,
      item,
    );
  const endpointNode = property(item, "endpoint");
  const inputNode = property(item, "input");
  let path: string;
  let input: jsonc.Node;
  if (endpointNode || inputNode) {
    if (endpointNode?.type !== "string")
      return new Failure("'endpoint' must be the V3 endpoint path, a string", endpointNode ?? item);
    if (inputNode?.type !== "object")
      return new Failure("'input' must be the request's input object", inputNode ?? item);
    path = endpointNode.value as string;
    input = inputNode;
  } else {
    if (endpointOption === undefined)
      return new Failure(
        "a bare input needs --endpoint to say which V3 endpoint it was sent to",
        item,
      );
    path = endpointOption;
    input = item;
  }
  const parsed = parseEndpoint(path);
  if (!parsed || parsed.target !== "kling-v3") {
    const v3 = getProfile("kling-v3");
    const what =
      parsed?.target === "kling-o3"
        ? "is already an O3 endpoint"
        : `is not a Kling V3 endpoint (${v3.endpoint})`;
    return new Failure(`endpoint '${path}' ${what}`, endpointNode ?? item);
  }
  return migrateInput(
    jsonc.getNodeValue(input) as Record<string, JsonValue>,
    input,
    parsed.quality,
    index,
  );
}

function describeNode(node: jsonc.Node): string {
  return node.type === "array"
    ? "an array"
    : node.type === "object"
      ? "an object"
      : node.type === "null"
        ? "null"
        : `a ${node.type}`;
}

function o3Path(quality: string, o3: Profile): string | null {
  return o3.qualities.allowed.includes(quality) ? endpointFor(o3, quality, false) : null;
}

function isShotList(
  value: JsonValue | undefined,
): value is { prompt: string; duration?: string }[] {
  return (
    Array.isArray(value) &&
    value.every(
      (s) =>
        typeof s === "object" && s !== null && !Array.isArray(s) && typeof s[PROMPT] === "string",
    )
  );
}

/** The input, field by field, in the order O3's profile lists them; whatever O3 does not take is dropped and said. */
function migrateInput(
  v3Input: Record<string, JsonValue>,
  node: jsonc.Node,
  quality: string,
  index: number,
): Migrated | Failure {
  const v3 = getProfile("kling-v3");
  const o3 = getProfile("kling-o3");
  const changes: MigrationChange[] = [];
  const say = (field: string, message: string): void =>
    void changes.push({ request: index, field, message });
  const endpoint = o3Path(quality, o3);
  if (endpoint === null) return new Failure(`O3 has no '${quality}' endpoint`, node);
  const image = v3Input[v3.image.field];
  if (typeof image !== "string")
    return new Failure(
      `a V3 request needs '${v3.image.field}' (the source image URL), a string`,
      property(node, v3.image.field) ?? node,
    );
  const input: Record<string, JsonValue> = {};
  const taken = new Set<string>([v3.image.field]);
  const negative = v3.negativePrompt ? v3Input[v3.negativePrompt.field] : undefined;
  const avoid = typeof negative === "string" ? negativeTerms(negative) : [];
  if (v3.negativePrompt) taken.add(v3.negativePrompt.field);

  const prompt = v3Input[PROMPT];
  const shots = v3.multiShot ? v3Input[v3.multiShot.field] : undefined;
  taken.add(PROMPT);
  if (typeof prompt === "string")
    input[PROMPT] = withAvoid(prompt, avoid, o3, (m) => say(PROMPT, m));
  else if (prompt !== undefined)
    return new Failure("'prompt' must be a string", property(node, PROMPT));
  if (o3.multiShot && shots !== undefined) {
    taken.add(v3.multiShot?.field ?? o3.multiShot.field).add(SHOT_TYPE);
    if (!isShotList(shots))
      return new Failure(
        `'${o3.multiShot.field}' must be a list of { prompt, duration }`,
        property(node, o3.multiShot.field),
      );
    input[o3.multiShot.field] = shots.map((shot, i) => ({
      ...shot,
      [PROMPT]: withAvoid(shot.prompt, avoid, o3, (m) =>
        say(`${o3.multiShot?.field}[${i}].prompt`, m),
      ),
    }));
    input[SHOT_TYPE] = o3.multiShot.shotType;
  }
  input[o3.image.field] = image;
  if (v3.image.field !== o3.image.field)
    say(o3.image.field, `renamed from ${v3.image.field}: O3's name for the source image`);
  carryEndImage(v3Input, input, v3, o3, taken);
  carryDuration(v3Input, input, v3, o3, taken, say);
  carryAudio(v3Input, input, v3, o3, taken, say);
  if (typeof negative === "string") say("negative_prompt", negativeMessage(avoid));
  else if (v3.negativePrompt?.default)
    say(
      "negative_prompt",
      `none was sent, so V3 used its default "${v3.negativePrompt.default}"; O3 has no negative prompt: write an Avoid clause into the prompt if you relied on it`,
    );
  if (v3.cfgScale && v3Input[v3.cfgScale.field] !== undefined) {
    taken.add(v3.cfgScale.field);
    say(
      v3.cfgScale.field,
      `dropped (was ${JSON.stringify(v3Input[v3.cfgScale.field])}): O3 has no ${v3.cfgScale.field}`,
    );
  }
  for (const key of Object.keys(v3Input))
    if (!taken.has(key)) say(key, `dropped: the O3 endpoint takes no '${key}'`);
  if (v3Input[PROMPT] === undefined && shots === undefined)
    say(PROMPT, "the V3 request had no prompt; neither has the O3 one");
  say("endpoint", `${endpoint}: the O3 endpoint of the same quality (${quality})`);
  const source: MigrationSource = {
    quality,
    prompt: typeof prompt === "string" ? prompt : null,
    shots: isShotList(shots)
      ? shots.map((s) => ({
          prompt: s.prompt,
          duration: typeof s.duration === "string" ? s.duration : null,
        }))
      : null,
    avoid,
  };
  return { request: { endpoint, input }, source, changes };
}

function negativeMessage(avoid: readonly string[]): string {
  return avoid.length === 0
    ? "dropped: it named no terms"
    : `removed in O3: its ${avoid.length === 1 ? "term goes" : "terms go"} into the prompt's Avoid clause`;
}

/** The prompt with the avoid clause packed after it, saying what the limit cost. */
function withAvoid(
  prompt: string,
  avoid: readonly string[],
  o3: Profile,
  say: (message: string) => void,
): string {
  const limit = o3.promptLimit;
  const appended = appendAvoid(prompt, avoid, limit);
  const limitText = limit === null ? "" : ` O3's ${formatNumber(limit)}-character limit`;
  if (appended.kept.length > 0) say(`Avoid clause added: ${appended.kept.join(", ")}`);
  if (appended.periodAdded)
    say("a period was added before the Avoid clause, so it is a sentence of its own");
  if (appended.dropped.length > 0)
    say(`left out of the Avoid clause to stay within${limitText}: ${appended.dropped.join(", ")}`);
  const length = [...appended.prompt].length;
  if (limit !== null && length > limit)
    say(
      `the prompt is ${formatNumber(length)} characters, over${limitText}: the service cuts it at the last sentence that fits`,
    );
  return appended.prompt;
}

function carryEndImage(
  from: Record<string, JsonValue>,
  to: Record<string, JsonValue>,
  v3: Profile,
  o3: Profile,
  taken: Set<string>,
): void {
  if (!v3.endImage || !o3.endImage) return;
  taken.add(v3.endImage.field);
  const value = from[v3.endImage.field];
  if (value !== undefined) to[o3.endImage.field] = value;
}

type Say = (field: string, message: string) => void;

/** The length carries over; an omitted one becomes the default V3 used, written out. */
function carryDuration(
  from: Record<string, JsonValue>,
  to: Record<string, JsonValue>,
  v3: Profile,
  o3: Profile,
  taken: Set<string>,
  say: Say,
): void {
  const field = v3.durations.field;
  taken.add(field);
  const value = from[field];
  if (value !== undefined) {
    to[o3.durations.field] = value;
    const seconds = Number(value);
    if (!o3.durations.allowed.includes(seconds))
      say(
        o3.durations.field,
        `${JSON.stringify(value)} is not a length O3 takes (${o3.durations.allowed[0]}–${o3.durations.allowed.at(-1)} seconds)`,
      );
    return;
  }
  const seconds = v3.durations.default ?? o3.durations.default;
  if (seconds === null) return;
  to[o3.durations.field] = encodeDuration(o3, seconds);
  say(
    o3.durations.field,
    `not set: V3's default of ${seconds} seconds is written out (O3's default is ${o3.durations.default ?? "not stated"})`,
  );
}

/**
 * The audio flag carries over. When V3 was left to its default (on), the O3
 * request says so explicitly: O3's own default is off, and a migration
 * should not silence a video.
 */
function carryAudio(
  from: Record<string, JsonValue>,
  to: Record<string, JsonValue>,
  v3: Profile,
  o3: Profile,
  taken: Set<string>,
  say: Say,
): void {
  if (!v3.audioFlag || !o3.audioFlag) return;
  taken.add(v3.audioFlag.field);
  const value = from[v3.audioFlag.field];
  if (value !== undefined) {
    to[o3.audioFlag.field] = value;
    return;
  }
  const fallback = v3.audioFlag.default ?? o3.audioFlag.default;
  if (fallback === null) return;
  to[o3.audioFlag.field] = fallback;
  say(
    o3.audioFlag.field,
    `not set: V3 defaulted to ${v3.audioFlag.default}, O3 defaults to ${o3.audioFlag.default}; written out as ${fallback} to keep what V3 did`,
  );
}
