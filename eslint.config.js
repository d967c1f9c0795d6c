// The repository's own lint: typescript-eslint's type-aware recommended rules, with Prettier
// owning layout (eslint-config-prettier turns off every rule about white space and wrapping).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "coverage/",
      "test/artifacts/",
      "playground/dist/",
      "editors/vscode/syntaxes/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["vitest.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      // `_name` marks a binding kept for its position (a skipped tuple slot, an unused parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // klingc's job includes finding control characters (invalid-character) and the tests strip
      // ANSI colours: every control character in a pattern here is there on purpose.
      "no-control-regex": "off",
    },
  },
  {
    // Tests read the CLI's JSON output and compare it whole with toEqual: a wrong shape fails the
    // assertion, so typing each parsed value first would add casts, not safety.
    files: ["test/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  {
    // Plain JavaScript (the bin, build scripts, the VS Code extension, examples): no type information.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS: the bin, the code-cache script and the VS Code extension (VS Code loads it with require).
    files: ["**/*.cjs", "editors/vscode/**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["playground/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
