/**
 * `klingc render FILE --out DIR`: src/cli/render.ts parses its own arguments
 * (its --help lists them), so everything after `render` is handed to it as
 * typed. In the bundled CLI fal's client is loaded only when the command runs
 * (scripts/build.mjs); render's own code stays in the bundle, so its errors
 * (UsageError) are the classes run.ts reports.
 */
import { runRender } from "../render.js";
import type { CliCommand } from "./command.js";

const EXAMPLE = "klingc render scene.kp --out renders/ --dry-run";

export const render: CliCommand = {
  name: "render",
  summary: "render the scenes on fal's queue (key in FAL_KEY; klingc render --help)",
  example: EXAMPLE,
  configure(command) {
    command
      .argument("[arguments...]", "FILE --out DIR and render's options")
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments();
  },
  async action(args, _options, io) {
    const code = await runRender(args, io);
    // render's own help lists its options; every command's help ends with an example.
    if (args.includes("--help") || args.includes("-h")) io.out(`\nExample:\n  ${EXAMPLE}\n`);
    return code;
  },
};
