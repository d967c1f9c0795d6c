import { removeStatement, replaceNode } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import { joinAnd } from "../src/lint/messages.js";
import { getProfile, type TargetId } from "../src/targets/profiles.js";
import { blockOf, legacyFindings, readBy, type LegacyFinding } from "../src/lint/legacy.js";

const LEGACY_IMAGE = ["start_image", "start_image_url"] as const;

/**
 * "on kling-o3 the field is image_url", or, when the targets that ignore the
 * statement name the image differently, "the field is image_url on kling-o3
 * and input_reference on sora-2".
 */
function imageFields(finding: LegacyFinding): string {
  const byField = new Map<string, TargetId[]>();
  for (const target of new Set<TargetId>(finding.invalid.map((s) => s.target))) {
    const field = getProfile(target).image.field;
    byField.set(field, [...(byField.get(field) ?? []), target]);
  }
  const groups = [...byField].map(([field, targets]) => ({
    field,
    on: `on ${targets.join(" and ")}`,
  }));
  const [only] = groups;
  if (only && groups.length === 1) return `${only.on} the field is ${only.field}`;
  return `the field is ${joinAnd(groups.map((g) => `${g.field} ${g.on}`))}`;
}

export const legacyImageParam: Rule = {
  meta: {
    id: "legacy-image-param",
    description:
      "`start_image` / `start_image_url` is the V3 name of the source image; O3 calls it `image`",
    severity: "error",
    fixable: true,
    options: {},
    details: [
      "The V3 → O3 migration renamed `start_image_url` to `image_url`, which klingc writes as `image`. The old name is",
      "kept only so V3 scenes still compile: on targets other than `engine kling-v3` it is a leftover, and a file that",
      "mixes `image` and `start_image` is ambiguous about which frame the video starts from (`image` wins).",
      "",
      "**Fix.** The keyword is renamed to `image`, the URL untouched. When the same block already has an `image`, that",
      "one is what the request carries, so the legacy statement is deleted instead. When a block holds several legacy",
      "image statements, the last one (the one in force) is renamed and the others are deleted. A project statement read",
      "by some `kling-v3` scene is reported but not fixed.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "The V3 field name on O3",
        code: 'start_image_url "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "fail",
        title: "Beside an image, the legacy statement is dead",
        code: 'image "https://x.test/a.png"\nstart_image "https://x.test/old.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "pass",
        title: "The O3 name",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "pass",
        title: "Legacy target keeps it",
        code: 'engine kling-v3\nstart_image_url "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
    ],
  },
  check(context) {
    const findings = legacyFindings(
      context,
      LEGACY_IMAGE,
      (scene) => getProfile(scene.target).image.field === "start_image_url",
    );
    for (const finding of findings) {
      const { statement, keyword } = finding.legacy;
      const block = blockOf(context, finding);
      const image = block.find((s) => s.keyword === "image");
      const legacyInBlock = block.filter((s) =>
        (LEGACY_IMAGE as readonly string[]).includes(s.keyword),
      );
      const inForce = !image && legacyInBlock.at(-1) === statement;
      const message = image
        ? `'${keyword}' is the V3 name of the source image and is ignored: this block's 'image' is the one sent; delete this statement${readBy(finding)}`
        : inForce
          ? `'${keyword}' is the V3 name of the source image; ${imageFields(finding)}, written 'image': rename it (under the old name any 'image', even a project's, wins over it)${readBy(finding)}`
          : `'${keyword}' is the V3 name of the source image and is given again later in this block, where the last one is used; delete this one${readBy(finding)}`;
      if (finding.invalid.length < finding.readers.length) {
        context.report({
          at: statement,
          message: `${message}; other scenes of the project target kling-v3 and use it`,
        });
        continue;
      }
      const fix = inForce
        ? {
            description: `rename '${keyword}' to 'image'`,
            edits: [replaceNode({ position: statement.keywordPosition }, "image")],
          }
        : {
            description: `delete the '${keyword}' statement`,
            edits: [removeStatement(context.source, statement)],
          };
      context.report({ at: statement, message, fix });
    }
  },
};
