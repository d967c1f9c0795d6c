/** `klingc migrate FILE.json`: Kling V3 request bodies as O3 requests (see src/cli/migrate.ts). */
import { migrateFile } from "../migrate.js";
import type { CliCommand } from "./command.js";

export const migrate: CliCommand = {
  name: "migrate",
  summary: "Kling V3 requests (JSON) to O3 requests",
  example: "klingc migrate --endpoint fal-ai/kling-video/v3/pro/image-to-video old-request.json",
  configure(command) {
    command.argument(
      "[file]",
      "a JSON file: { endpoint, input }, a bare input, or an array of them",
    );
    command.option("--endpoint <path>", "the V3 endpoint of bare inputs");
    command.option("--to <kind>", "json (default) or kp: a .kp scene a request");
  },
  action: (args, options, io) =>
    migrateFile(
      args,
      {
        endpoint: options["endpoint"] as string | undefined,
        to: options["to"] as string | undefined,
      },
      io,
    ),
};
