/** `klingc explain FILE…`: the budget picture (see src/cli/explain.ts). */
import { explainFiles } from "../explain.js";
import type { CliCommand } from "./command.js";
import { addTargetOptions } from "./options.js";

export const explain: CliCommand = {
  name: "explain",
  summary: "where each scene's budget goes, tier by tier",
  example: "klingc explain --budget 1500 scenes/ad.kp",
  configure(command) {
    command.argument("[files...]", ".kp files");
    command.option("--format <kind>", "text (default) or json");
    addTargetOptions(command);
  },
  action: (args, options, io) =>
    explainFiles(
      args,
      {
        format: options["format"] as string | undefined,
        target: options["target"] as string | undefined,
        budget: options["budget"] as string | undefined,
      },
      io,
    ),
};
