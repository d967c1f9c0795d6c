// The extension ships the grammars the repository generates (grammar/, from `npm run textmate`);
// they are copied in at packaging time, never kept here by hand.
import { copyFileSync, mkdirSync } from "node:fs";

export const GRAMMARS = ["klingc.tmLanguage.json", "klingc-markdown.tmLanguage.json"];

mkdirSync(new URL("./syntaxes/", import.meta.url), { recursive: true });
for (const name of GRAMMARS)
  copyFileSync(
    new URL(`../../grammar/${name}`, import.meta.url),
    new URL(`./syntaxes/${name}`, import.meta.url),
  );
console.log(`copied ${GRAMMARS.join(", ")} into syntaxes/`);
