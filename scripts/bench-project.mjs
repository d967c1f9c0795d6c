// The generated scene files npm run bench measures (scripts/bench.mjs) and
// scripts/stages.mjs times: one text, so both measure the same project.

/** One full scene, numbered so no two are the same. */
export function sceneText(i) {
  return `scene s${i} {
  image "https://cdn.example.com/frames/s${i}.png"
  duration ${5 + (i % 3) * 5}s
  character maya "Maya, late twenties, curly brown hair, cream knit sweater, take ${i}. Exactly two arms, two hands, five fingers on each hand."
  action "Maya lifts the bottle to chest height and turns it slowly toward the lens."
  audio {
    dialogue maya "Two drops, every morning. Take ${i}."
    tone "Warm, upbeat."
  }
  product "Amber glass dropper bottle with a matte black cap."
  camera "Handheld selfie framing, slight natural sway."
  lighting "Soft natural window light from the left."
  realism "Photorealistic, subtle film grain."
  avoid blur, cartoon, "3D render"
}
`;
}

export const PROJECT = `project "bench" {\n  engine kling-o3\n  quality pro\n}\n`;

/** A project of at least `bytes` bytes, or of exactly `scenes` scenes. */
export function generateProject({ bytes = Infinity, scenes = Infinity }) {
  const parts = [PROJECT];
  let size = PROJECT.length;
  for (let i = 0; size < bytes && i < scenes; i++) {
    const s = sceneText(i);
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}
