/** The shipped example and every `.kp` fixture, as text (bundled by Vite as raw strings). */
import example from "../../fixtures/ugc-ad.kp?raw";

const found: Record<string, string> = import.meta.glob("../../fixtures/**/*.kp", {
  query: "?raw",
  import: "default",
  eager: true,
});

export const EXAMPLE_NAME = "ugc-ad.kp";
export const EXAMPLE = example;

/** Fixture names (relative to fixtures/) and their text, the example first. */
export const FIXTURES: ReadonlyMap<string, string> = new Map(
  Object.entries(found)
    .map(([path, text]): [string, string] => [path.replace("../../fixtures/", ""), text])
    .sort(([a], [b]) => (a === EXAMPLE_NAME ? -1 : b === EXAMPLE_NAME ? 1 : a.localeCompare(b))),
);
