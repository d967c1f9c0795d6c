import type { StatementNode } from "../src/language/ast.js";
import { SOURCE_IMAGE_KEYWORDS } from "../src/lint/images.js";
import type { Rule, RuleContext } from "../src/lint/rule.js";
import type { Scene } from "../src/language/model.js";
import { getProfile } from "../src/targets/profiles.js";
import { sceneAnchor } from "../src/lint/rule.js";

/** The statements a scene reads settings from: its own block (or the file's top level) and the project's. */
function settingStatements(context: RuleContext, scene: Scene): StatementNode[] {
  const own = scene.statement ? (scene.statement.block?.statements ?? []) : context.ast.statements;
  return [...own, ...(context.project?.statement?.block?.statements ?? [])];
}

/**
 * An image is given when the scene or the project states one, under its O3 or
 * its legacy name; a statement whose value is not a string counts too, since
 * `invalid-argument` already reports it.
 */
function hasImage(context: RuleContext, scene: Scene): boolean {
  if (scene.settings.image) return true;
  if (scene.legacy.some((l) => l.keyword === "start_image" || l.keyword === "start_image_url"))
    return true;
  return settingStatements(context, scene).some((s) => SOURCE_IMAGE_KEYWORDS.has(s.keyword));
}

export const imageRequired: Rule = {
  meta: {
    id: "image-required",
    description: "an image-to-video scene needs a source image",
    severity: "error",
    fixable: false,
    options: {},
    details: [
      "Kling 3.0 (O3) is image-to-video: every request needs `image_url`, the frame the video starts from, and the",
      "service rejects a request without it. klingc would send an empty string, so the render fails. Write",
      '`image "https://…"` in the scene, or once in the `project` when every scene starts from the same frame.',
      "",
      "The check applies to targets whose image field is required (kling-o3, kling-v3, veo-3.1; sora-2's",
      "`input_reference` is optional). A legacy `start_image` / `start_image_url` counts as an image (`legacy-image-param`",
      "reports its name), and so does an `image` statement with a malformed value (`invalid-argument` reports that).",
      "The finding points at the scene's name; for a file without `scene` blocks, at the start of the file.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "A scene without a source image",
        code: 'scene hook {\n  action "Maya waves at the lens."\n}\n',
      },
      {
        kind: "pass",
        title: "Each scene has one",
        code: 'scene hook {\n  image "https://x.test/hook.png"\n  action "Maya waves at the lens."\n}\n',
      },
      {
        kind: "pass",
        title: "Inherited from the project",
        code: 'project {\n  image "https://x.test/start.png"\n}\n\nscene hook {\n  action "Maya waves at the lens."\n}\n',
      },
    ],
  },
  check(context) {
    for (const scene of context.scenes) {
      const profile = getProfile(scene.target);
      if (!profile.image.required || hasImage(context, scene)) continue;
      const where = scene.implicit ? `this file's scene '${scene.name}'` : `scene '${scene.name}'`;
      context.report({
        at: sceneAnchor(scene),
        message:
          `${where} has no source image: ${scene.target} is image-to-video and its request needs ${profile.image.field}, ` +
          `so the service rejects it; add image "https://…" to the scene or the project`,
      });
    }
  },
};
