/** Scenes for the render tests: one kling-o3 scene a name, its image named after it (the stand-in queue keys faults on it). */
export function storyboard(names: readonly string[], extra: Record<string, string> = {}): string {
  const scenes = names.map(
    (name) =>
      `scene ${name} {\n  image "https://cdn.example.com/${name}.png"\n  duration 5s\n  action "${extra[name] ?? `Maya, scene ${name}, smiles at the camera.`}"\n}\n`,
  );
  return `project "Render test" {\n  engine kling-o3\n  brands "GlowLab"\n}\n\n${scenes.join("\n")}`;
}
