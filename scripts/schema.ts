// npm run schema: writes klingc.schema.json from the config validator's keys,
// targets and severities and every rule's meta.options (src/config/schema.ts).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RULES } from "../rules/index.js";
import { configSchemaText } from "../src/config/schema.js";

const file = fileURLToPath(new URL("../klingc.schema.json", import.meta.url));
writeFileSync(file, configSchemaText(RULES.map((rule) => rule.meta)));
console.log(`wrote klingc.schema.json (${RULES.length} rules)`);
