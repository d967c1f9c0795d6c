import { describe, expect, it } from "vitest";
import { assemble, pack, type PackUnit, type Tier } from "../src/emit/pack.js";

function sentence(
  section: number,
  keyword: string,
  index: number,
  tier: Tier,
  text: string,
): PackUnit {
  return { kind: "sentence", section, keyword, sentence: index, tier, text };
}

function avoid(section: number, index: number, tier: Tier, text: string): PackUnit {
  return { kind: "avoid", section, keyword: "avoid", sentence: index, tier, text };
}

const texts = (units: readonly { text: string }[]) => units.map((u) => u.text);

describe("assemble", () => {
  it("joins sentences with one space and puts one avoid clause last", () => {
    const units = [
      sentence(0, "character", 0, 1, "Maya smiles."),
      sentence(1, "camera", 0, 2, "Slow push in."),
      avoid(2, 0, 3, "blur"),
      avoid(2, 1, 3, "3D render"),
    ];
    expect(assemble(units)).toBe("Maya smiles. Slow push in. Avoid: blur, 3D render.");
  });

  it("writes only the clause when there are no sentences, and nothing for no units", () => {
    expect(assemble([avoid(0, 0, 3, "blur")])).toBe("Avoid: blur.");
    expect(assemble([])).toBe("");
  });
});

describe("pack", () => {
  const maya = sentence(0, "character", 0, 1, "Maya smiles."); // 12
  const camera = sentence(1, "camera", 0, 2, "Slow push in."); // 13
  const grain = sentence(2, "realism", 0, 3, "Film grain."); // 11

  it("keeps everything when it fits", () => {
    const result = pack([maya, camera, grain], 100);
    expect(result.prompt).toBe("Maya smiles. Slow push in. Film grain.");
    expect(result.chars).toBe(38);
    expect(result.dropped).toEqual([]);
    expect(result.overflow).toBe(false);
    expect(result.budget).toBe(100);
  });

  it("accepts a prompt of exactly the budget", () => {
    expect(pack([maya, camera, grain], 38).prompt).toBe("Maya smiles. Slow push in. Film grain.");
    expect(pack([maya, camera, grain], 37).prompt).not.toBe(
      "Maya smiles. Slow push in. Film grain.",
    );
  });

  it("fills by tier, then first fit: a later, smaller unit takes the room a larger one could not", () => {
    // 12 + 1 + 13 = 26 > 24, but 12 + 1 + 11 = 24.
    const result = pack([maya, camera, grain], 24);
    expect(result.prompt).toBe("Maya smiles. Film grain.");
    expect(result.chars).toBe(24);
    expect(result.kept).toEqual([maya, grain]);
    expect(result.dropped).toEqual([
      {
        section: 1,
        keyword: "camera",
        tier: 2,
        kind: "sentence",
        text: "Slow push in.",
        chars: 13,
        partial: false,
      },
    ]);
  });

  it("gives tier 2 the room before tier 3, whatever the prompt order", () => {
    const early = sentence(0, "realism", 0, 3, "Film grain.");
    const late = sentence(1, "camera", 0, 2, "Slow push.");
    const lead = sentence(2, "action", 0, 1, "Go.");
    // Lead (3) + camera (1 + 10) = 14; grain would need 12 more.
    const result = pack([early, late, lead], 20);
    expect(result.prompt).toBe("Slow push. Go.");
    expect(result.kept).toEqual([late, lead]);
    expect(texts(result.dropped)).toEqual(["Film grain."]);
  });

  it("lists kept units in prompt order, not in the order they were chosen", () => {
    const result = pack([grain, camera, maya], 100);
    expect(result.kept).toEqual([grain, camera, maya]);
    expect(result.prompt).toBe("Film grain. Slow push in. Maya smiles.");
  });

  it("never keeps a later sentence of a section without the earlier one", () => {
    const long = sentence(1, "camera", 0, 2, "The camera glides slowly around the table.");
    const short = sentence(1, "camera", 1, 2, "Cut.");
    const result = pack([maya, long, short], 20);
    // "Cut." would fit (12 + 1 + 4 = 17), but its section's first sentence was dropped.
    expect(result.prompt).toBe("Maya smiles.");
    expect(texts(result.dropped)).toEqual(["The camera glides slowly around the table.", "Cut."]);
  });

  it("keeps a section's first sentences when only the later ones are too long", () => {
    const first = sentence(1, "camera", 0, 2, "Push in.");
    const second = sentence(1, "camera", 1, 2, "The camera then glides slowly around the table.");
    const result = pack([maya, first, second], 30);
    expect(result.prompt).toBe("Maya smiles. Push in.");
  });

  describe("avoid clause accounting", () => {
    const blur = avoid(1, 0, 3, "blur"); // "Avoid: blur." = 12
    const cartoon = avoid(1, 1, 3, "cartoon"); // ", cartoon" = 9

    it("charges `Avoid: `, the period and the joining space with the first term", () => {
      // 12 + 1 + 12 = 25
      expect(pack([maya, blur], 25).prompt).toBe("Maya smiles. Avoid: blur.");
      expect(pack([maya, blur], 25).chars).toBe(25);
      expect(pack([maya, blur], 24).prompt).toBe("Maya smiles.");
    });

    it("charges `, ` with each later term", () => {
      // 25 + 9 = 34
      expect(pack([maya, blur, cartoon], 34).prompt).toBe("Maya smiles. Avoid: blur, cartoon.");
      const short = pack([maya, blur, cartoon], 33);
      expect(short.prompt).toBe("Maya smiles. Avoid: blur.");
      expect(short.dropped).toEqual([
        {
          section: 1,
          keyword: "avoid",
          tier: 3,
          kind: "avoid",
          text: "cartoon",
          chars: 7,
          partial: false,
        },
      ]);
    });

    it("keeps a clause alone without a leading space", () => {
      expect(pack([blur], 12).prompt).toBe("Avoid: blur.");
      expect(pack([blur], 11).prompt).toBe("");
    });

    it("treats terms independently: a short later term may fit where a long one did not", () => {
      const render = avoid(1, 0, 3, "3D render");
      const fog = avoid(1, 1, 3, "fog");
      const result = pack([maya, render, fog], 24);
      // "Maya smiles. Avoid: 3D render." = 30; "Maya smiles. Avoid: fog." = 24.
      expect(result.prompt).toBe("Maya smiles. Avoid: fog.");
      expect(texts(result.dropped)).toEqual(["3D render"]);
    });

    it("places the clause last even when avoid terms are tier 1 and come first", () => {
      const urgent = avoid(1, 0, 1, "extra fingers");
      const result = pack([urgent, grain], 100);
      expect(result.prompt).toBe("Film grain. Avoid: extra fingers.");
      expect(result.kept).toEqual([grain, urgent]);
    });
  });

  it("counts characters in code points", () => {
    const emoji = sentence(0, "action", 0, 1, "Maya 😀."); // 7 code points, 8 UTF-16 units
    expect(pack([emoji], 7).prompt).toBe("Maya 😀.");
    expect(pack([emoji], 7).chars).toBe(7);
  });

  describe("when tier 1 alone does not fit", () => {
    const speaks = sentence(0, "action", 0, 1, "Maya leans into frame and speaks."); // 33
    const smiles = sentence(0, "action", 1, 1, "She smiles."); // 11
    const units = [speaks, smiles, grain, avoid(3, 0, 3, "blur")];

    it("truncates the whole prompt at the last sentence within the budget, like the service", () => {
      const result = pack(units, 44); // tier 1 needs 33 + 1 + 11 = 45
      expect(result.overflow).toBe(true);
      expect(result.prompt).toBe("Maya leans into frame and speaks.");
      expect(result.chars).toBe(33);
      expect(result.kept).toEqual([speaks]);
      expect(texts(result.dropped)).toEqual(["She smiles.", "Film grain.", "blur"]);
    });

    it("falls back to a word end when not even one sentence fits", () => {
      const result = pack(units, 20);
      expect(result.overflow).toBe(true);
      expect(result.prompt).toBe("Maya leans into");
      expect(result.kept).toEqual([]);
      expect(result.dropped).toHaveLength(4);
      // The first sentence straddles the cut: only its cut-off part is reported lost.
      expect(result.dropped[0]).toEqual({
        section: 0,
        keyword: "action",
        tier: 1,
        kind: "sentence",
        text: "frame and speaks.",
        chars: 17,
        partial: true,
      });
    });

    it("does not overflow when tier 1 fits exactly", () => {
      const result = pack(units, 45);
      expect(result.overflow).toBe(false);
      expect(result.prompt).toBe("Maya leans into frame and speaks. She smiles.");
    });
  });

  describe("a budget of zero", () => {
    it("yields an empty prompt without overflow when there is no tier-1 content", () => {
      const result = pack([grain], 0);
      expect(result).toEqual({
        prompt: "",
        chars: 0,
        budget: 0,
        kept: [],
        overflow: false,
        dropped: [
          {
            section: 2,
            keyword: "realism",
            tier: 3,
            kind: "sentence",
            text: "Film grain.",
            chars: 11,
            partial: false,
          },
        ],
      });
    });

    it("overflows to an empty prompt when there is tier-1 content", () => {
      const result = pack([maya], 0);
      expect(result.overflow).toBe(true);
      expect(result.prompt).toBe("");
      expect(texts(result.dropped)).toEqual(["Maya smiles."]);
    });

    it("packs nothing into nothing", () => {
      expect(pack([], 0)).toEqual({
        prompt: "",
        chars: 0,
        budget: 0,
        kept: [],
        dropped: [],
        overflow: false,
      });
    });
  });
});
