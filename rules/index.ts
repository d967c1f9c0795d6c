import type { Rule } from "../src/lint/rule.js";
import { droppedContent } from "./dropped-content.js";
import { noCfgScale } from "./no-cfg-scale.js";
import { overBudget } from "./over-budget.js";

/** Every rule, in the order the docs list them. */
export const RULES: readonly Rule[] = [noCfgScale, overBudget, droppedContent];
