import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The playground is a static page: the library runs in the browser, imported
 * by its package name (aliased to the sources, so the page always shows the
 * code of this checkout without a prior `npm run build`).
 */
export default defineConfig({
  root: here("."),
  base: "./",
  resolve: { alias: { klingc: here("../src/index.ts") } },
  build: {
    outDir: here("../dist/playground"),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
    // One chunk of ~600 kB minified (the compiler and CodeMirror); what counts is
    // its gzipped size, which test/playground.browser.test.ts keeps under 250 KB.
    chunkSizeWarningLimit: 1000,
  },
});
