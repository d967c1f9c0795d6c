import { describeValue, type StatementNode, type ValueNode } from "./ast.js";
import { atKeyword, ok, problemAt, termText, type ArgumentResult } from "./arguments.js";
import { didYouMean, type SettingKeyword } from "./keywords.js";
import { ALL_QUALITIES, isTargetId, TARGET_IDS, type TargetId } from "../targets/profiles.js";

export type SettingValue = string | number | boolean | string[];

type Parser = (
  statement: StatementNode,
  args: readonly ValueNode[],
) => ArgumentResult<SettingValue>;

function single(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<ValueNode> {
  const first = args[0];
  if (!first) return atKeyword(statement, `'${statement.keyword}' needs a value`);
  const extra = args[1];
  if (extra)
    return problemAt(
      extra,
      `'${statement.keyword}' takes one value; ${describeValue(extra)} is one too many`,
    );
  return ok(first);
}

function url(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<string> {
  const v = single(statement, args);
  if (!v.ok) return v;
  if (v.value.type !== "String")
    return problemAt(
      v.value,
      `'${statement.keyword}' takes a URL in a string: ${statement.keyword} "https://…"`,
    );
  return ok(v.value.value);
}

function engine(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<TargetId> {
  const v = single(statement, args);
  if (!v.ok) return v;
  const text = termText(v.value);
  if (isTargetId(text)) return ok(text);
  const guess = didYouMean(text, TARGET_IDS);
  const hint = guess ? `; did you mean '${guess}'?` : "";
  return problemAt(v.value, `unknown engine '${text}' (known: ${TARGET_IDS.join(", ")})${hint}`);
}

function duration(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<number> {
  const v = single(statement, args);
  if (!v.ok) return v;
  const node = v.value;
  const seconds =
    node.type === "Number"
      ? node.value
      : node.type === "Dimension" && node.unit === "s"
        ? node.value
        : NaN;
  if (node.type === "Dimension" && node.unit !== "s") {
    return problemAt(node, `duration is in seconds: write ${node.value}s, not ${node.raw}`);
  }
  if (!Number.isFinite(seconds) || seconds <= 0)
    return problemAt(
      node,
      `duration is a number of seconds such as 10s, not ${describeValue(node)}`,
    );
  return ok(seconds);
}

function quality(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<string> {
  const v = single(statement, args);
  if (!v.ok) return v;
  const text = termText(v.value);
  if (ALL_QUALITIES.includes(text)) return ok(text);
  const guess = didYouMean(text, ALL_QUALITIES);
  return problemAt(
    v.value,
    `unknown quality '${text}' (known: ${ALL_QUALITIES.join(", ")})${guess ? `; did you mean '${guess}'?` : ""}`,
  );
}

function aspect(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<string> {
  const v = single(statement, args);
  if (!v.ok) return v;
  const node = v.value;
  if (node.type === "Ratio" && node.width > 0 && node.height > 0) return ok(node.raw);
  if (node.type === "Identifier" && node.name === "auto") return ok("auto");
  return problemAt(
    node,
    `aspect is a ratio such as 9:16 or 16:9 (or auto), not ${describeValue(node)}`,
  );
}

function audio(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<boolean> {
  const v = single(statement, args);
  if (!v.ok) return v;
  const node = v.value;
  if (node.type === "Identifier" && (node.name === "on" || node.name === "off"))
    return ok(node.name === "on");
  return problemAt(node, `'audio' as a setting is 'audio on' or 'audio off'`);
}

function budget(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<number> {
  const v = single(statement, args);
  if (!v.ok) return v;
  const node = v.value;
  if (node.type === "Number" && Number.isInteger(node.value) && node.value >= 1)
    return ok(node.value);
  return problemAt(
    node,
    `budget is a whole number of characters such as 1500, not ${describeValue(node)}`,
  );
}

function brands(statement: StatementNode, args: readonly ValueNode[]): ArgumentResult<string[]> {
  if (args.length === 0)
    return atKeyword(statement, `'brands' needs at least one name: brands "GlowLab", "Serumix"`);
  return ok(args.map(termText));
}

export const SETTING_PARSERS: Readonly<Record<Exclude<SettingKeyword, "audio">, Parser>> & {
  audio: Parser;
} = {
  engine,
  image: url,
  end_image: url,
  duration,
  quality,
  aspect,
  audio,
  budget,
  brands,
};
