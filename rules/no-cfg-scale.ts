import { removeStatement } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import { getProfile } from "../src/targets/profiles.js";
import { legacyFindings, noSuchField, onTargets, readBy } from "../src/lint/legacy.js";

export const noCfgScale: Rule = {
  meta: {
    id: "no-cfg-scale",
    description: "`cfg_scale` was removed in Kling O3; the endpoint ignores it",
    severity: "error",
    fixable: true,
    options: {},
    details:
      "Kling 3.0 (O3) has no `cfg_scale`: a value written for V3 silently does nothing, so the render is not " +
      "steered the way the author believes. The fix deletes the statement. It is valid only on `engine kling-v3`; " +
      "a project statement that a kling-v3 scene still reads is reported for the other scenes but not deleted.",
    examples: [
      {
        kind: "fail",
        title: "A V3 leftover on O3",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\ncfg_scale 0.5\n',
      },
      {
        kind: "pass",
        title: "Legacy target keeps it",
        code: 'engine kling-v3\nimage "https://x.test/a.png"\naction "Maya waves."\ncfg_scale 0.5\n',
      },
    ],
  },
  check(context) {
    const findings = legacyFindings(
      context,
      ["cfg_scale"],
      (scene) => getProfile(scene.target).cfgScale !== null,
    );
    for (const finding of findings) {
      const statement = finding.legacy.statement;
      const safe = finding.invalid.length === finding.readers.length;
      context.report({
        at: statement,
        message: `'cfg_scale' does nothing ${onTargets(finding)}: ${noSuchField(finding)}${readBy(finding)}`,
        ...(safe
          ? {
              fix: {
                description: "delete the cfg_scale statement",
                edits: [removeStatement(context.source, statement)],
              },
            }
          : {}),
      });
    }
  },
};
