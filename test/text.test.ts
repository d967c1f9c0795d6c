import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  codePointLength,
  ensureTerminalPeriod,
  foldWhitespace,
  graphemeBoundaries,
  asciiPromptSentences,
  hasTerminalPunctuation,
  icuSplitSentences,
  sentenceEnds,
  splitSentences,
  truncateAtSentence,
} from "../src/emit/text.js";

const FAMILY = "👨‍👩‍👧"; // 5 code points, one cluster
const THUMBS = "👍🏽"; // 2 code points, one cluster

describe("codePointLength", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("")).toBe(0);
    expect(codePointLength("a😀b")).toBe(3);
    expect(codePointLength(FAMILY)).toBe(5);
    expect(codePointLength("🇫🇷")).toBe(2);
  });

  it("counts a lone surrogate as one", () => {
    expect(codePointLength("\ud800x")).toBe(2);
    expect(codePointLength("x\udc00")).toBe(2);
    expect(codePointLength("\udc00\ud800")).toBe(2);
  });
});

describe("foldWhitespace", () => {
  it("folds every kind of white space to one space and trims", () => {
    expect(foldWhitespace("  Maya \n\t smiles\u00a0\u3000now.\r\n")).toBe("Maya smiles now.");
    expect(foldWhitespace(" \n ")).toBe("");
  });
});

describe("terminal punctuation", () => {
  it.each([
    "Done.",
    "Done!",
    "Really?",
    "Wait…",
    "他来了。",
    "好！",
    "真的？",
    'He says "go."',
    "He says 'go.'",
    "He says “go.”",
    "He says ‘go.’",
    "Il dit «va.»",
    "Sie sagt „geh.“",
    "(Wide shot.)",
    "[Cut!]",
    "「好。」",
    "『好。』",
    "Done.  ",
  ])("%j ends a sentence", (text) => {
    expect(hasTerminalPunctuation(text)).toBe(true);
    expect(ensureTerminalPeriod(text)).toBe(text.trim());
  });

  it.each([
    ["Done", "Done."],
    ["Maya smiles,", "Maya smiles,."],
    ["(wide shot)", "(wide shot)."],
    ["「你好」", "「你好」。"],
    ["她走进房间", "她走进房间。"],
    ["カメラがゆっくり寄る", "カメラがゆっくり寄る。"],
    ["카메라가 천천히 다가간다", "카메라가 천천히 다가간다。"],
    ["Maya 拿起杯子", "Maya 拿起杯子。"],
    ["杯子 on the table", "杯子 on the table."],
    ["Done. 🎬", "Done. 🎬."],
    ["  Slow push in  ", "Slow push in."],
  ])("%j gets a period", (text, expected) => {
    expect(hasTerminalPunctuation(text)).toBe(false);
    expect(ensureTerminalPeriod(text)).toBe(expected);
  });

  it("leaves empty text empty", () => {
    expect(ensureTerminalPeriod("")).toBe("");
    expect(ensureTerminalPeriod("  \n")).toBe("");
  });
});

describe("splitSentences", () => {
  it.each([
    ["Dr. Smith arrives. He smiles.", ["Dr. Smith arrives.", "He smiles."]],
    ["Use e.g. a spoon. Then stir.", ["Use e.g. a spoon.", "Then stir."]],
    ["Shot on iPhone 15 Pro. Grain.", ["Shot on iPhone 15 Pro.", "Grain."]],
    ["Zoom 2.5x slowly. Then cut.", ["Zoom 2.5x slowly.", "Then cut."]],
    ["Frame 9:16 vertical. Done.", ["Frame 9:16 vertical.", "Done."]],
    ['"Really?!" she asks. Ok.', ['"Really?!" she asks.', "Ok."]],
    [
      "Mr. Brown vs. Mrs. Green wave. Ms. St. John nods.",
      ["Mr. Brown vs. Mrs. Green wave.", "Ms. St. John nods."],
    ],
    ["A man (Dr. Who) arrives. Ok.", ["A man (Dr. Who) arrives.", "Ok."]],
    ["Cups, plates, etc. Camera pans left.", ["Cups, plates, etc.", "Camera pans left."]],
    ["Hold 500 ms. Then cut.", ["Hold 500 ms.", "Then cut."]],
    ["Wow! (She laughs.) Next.", ["Wow!", "(She laughs.)", "Next."]],
    ["他来了。 她笑了。", ["他来了。", "她笑了。"]],
    ["No end", ["No end"]],
  ])("%j", (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it("ends a CJK sentence at 。！？ (and any closing quote or bracket) with no space after it", () => {
    expect(splitSentences("他来了。她笑了。")).toEqual(["他来了。", "她笑了。"]);
    expect(splitSentences("她说：「好。」他点头！真的吗？是的。")).toEqual([
      "她说：「好。」",
      "他点头！",
      "真的吗？",
      "是的。",
    ]);
    expect(splitSentences("カメラが寄る。『止まれ！』と叫ぶ。彼女は笑う。")).toEqual([
      "カメラが寄る。",
      "『止まれ！』",
      "と叫ぶ。",
      "彼女は笑う。",
    ]);
    expect(splitSentences("他来了。 She smiles.她笑了。")).toEqual([
      "他来了。",
      "She smiles.她笑了。",
    ]);
  });

  it("keeps Latin sentences that no space separates together", () => {
    expect(splitSentences("Go.Now!Stop")).toEqual(["Go.Now!Stop"]);
  });

  it("gives no sentence for empty text", () => {
    expect(splitSentences("")).toEqual([]);
  });

  it("reports where each sentence ends", () => {
    expect(sentenceEnds("Dr. Smith arrives. He smiles.")).toEqual([18, 29]);
  });

  const piece = fc.oneof(
    fc.constantFrom(
      "Dr.",
      "Mr.",
      "e.g.",
      "etc.",
      "Maya",
      "she",
      "Ok",
      "2.5x",
      "9:16",
      "…",
      "。",
      "?!",
      '"',
      ")",
      "「",
      "」",
    ),
    fc.constantFrom(".", "!", "?", " ", " ", " ", "\n", "\u0600", "\u0301", FAMILY, "🇫🇷", "\ud800"),
    // After ". " ICU looks ahead over digits, brackets and emoji for a lowercase letter (UAX #29 SB8).
    fc.constantFrom("Go.", "(5)", "🙂", "42", "--", "then", "x"),
    fc.string({ unit: "grapheme", maxLength: 4 }),
    fc.string({ unit: "binary", maxLength: 3 }),
  );
  const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(""));

  /** The units joined by one space, or by nothing after a CJK sentence end that the text does not follow with a space. */
  const joinAsSeparated = (units: readonly string[], folded: string): string => {
    let out = "";
    units.forEach((unit, i) => {
      const glued =
        i > 0 &&
        /[。！？][\p{Pe}\p{Pf}\p{Pi}"'＂＇]*$/u.test(units[i - 1] as string) &&
        folded.startsWith(out + unit);
      out += (i === 0 || glued ? "" : " ") + unit;
    });
    return out;
  };

  it("joins back to any folded text", () => {
    fc.assert(
      fc.property(text, (raw) => {
        const folded = foldWhitespace(raw);
        const units = splitSentences(folded);
        expect(joinAsSeparated(units, folded)).toBe(folded);
        for (const unit of units) expect(unit).toBe(unit.trim());
        expect(units.every((unit) => unit !== "")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("finds the same sentences when the text is segmented in short slices", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (raw, window) => {
        expect(splitSentences(raw, window)).toEqual(splitSentences(raw, Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a sentence whole across slice ends when ICU looks far ahead after a period", () => {
    const text = "Go. (5) 🙂 (5) then x. Ok. (42) -- 🙂 then y";
    const whole = splitSentences(text, Number.MAX_SAFE_INTEGER);
    expect(whole).toEqual(["Go. (5) 🙂 (5) then x.", "Ok. (42) -- 🙂 then y"]);
    for (let window = 1; window <= text.length; window++)
      expect(splitSentences(text, window)).toEqual(whole);
  });

  it("finds the same grapheme clusters when the text is segmented in short slices", () => {
    const whole = new Intl.Segmenter("en", { granularity: "grapheme" });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (raw, window) => {
        const expected = [...whole.segment(raw)]
          .map((s) => s.index)
          .concat(raw.length > 0 ? [raw.length] : []);
        const actual = graphemeBoundaries(raw, window);
        expect(actual).toEqual(raw.length > 0 ? expected : [0]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("graphemeBoundaries", () => {
  it("keeps ZWJ sequences, flags and combining marks whole", () => {
    expect(graphemeBoundaries(`a${FAMILY}b`)).toEqual([0, 1, 9, 10]);
    expect(graphemeBoundaries("🇫🇷🇩🇪")).toEqual([0, 4, 8]);
    expect(graphemeBoundaries("e\u0301x")).toEqual([0, 2, 3]);
  });
});

describe("truncateAtSentence", () => {
  const shot = "Dr. Smith arrives. He smiles.";

  it("returns a text that fits unchanged, including one of exactly the limit", () => {
    expect(truncateAtSentence(shot, 100)).toBe(shot);
    expect(truncateAtSentence(shot, codePointLength(shot))).toBe(shot);
  });

  it("returns nothing for a limit of zero or less", () => {
    expect(truncateAtSentence(shot, 0)).toBe("");
    expect(truncateAtSentence(shot, -5)).toBe("");
    expect(truncateAtSentence("", 0)).toBe("");
  });

  it("cuts after the last whole sentence, not after an abbreviation", () => {
    expect(truncateAtSentence(shot, 28)).toBe("Dr. Smith arrives.");
    expect(truncateAtSentence(shot, 18)).toBe("Dr. Smith arrives.");
  });

  it("prefers a shorter sentence cut to a longer word cut", () => {
    expect(truncateAtSentence("One. Two three", 9)).toBe("One.");
  });

  it("falls back to the last word end, trimming white space", () => {
    expect(truncateAtSentence("Slow dolly in toward the window", 12)).toBe("Slow dolly");
    expect(truncateAtSentence("Hello   world", 8)).toBe("Hello");
    expect(truncateAtSentence("Dr. Smith arrives. He smiles.", 17)).toBe("Dr. Smith");
  });

  it("falls back to a grapheme boundary inside one long word", () => {
    expect(truncateAtSentence("Supercalifragilistic", 5)).toBe("Super");
    expect(truncateAtSentence("他来了她笑了", 5)).toBe("他来了她笑");
  });

  it("cuts CJK text at its sentence ends, which no space follows", () => {
    expect(truncateAtSentence("他来了。她笑了。", 5)).toBe("他来了。");
    expect(truncateAtSentence("她说「好。」他点头。", 8)).toBe("她说「好。」");
  });

  it("counts code points: an astral character is one", () => {
    expect(truncateAtSentence("😀😀😀", 2)).toBe("😀😀");
  });

  it("never splits a ZWJ sequence", () => {
    expect(truncateAtSentence(FAMILY + FAMILY, 7)).toBe(FAMILY);
    expect(truncateAtSentence(FAMILY + FAMILY, 9)).toBe(FAMILY);
    expect(truncateAtSentence(FAMILY, 4)).toBe("");
  });

  it("never splits a flag, a skin tone or a combining mark", () => {
    expect(truncateAtSentence("🇫🇷🇩🇪🇯🇵", 3)).toBe("🇫🇷");
    expect(truncateAtSentence(THUMBS + THUMBS, 3)).toBe(THUMBS);
    expect(truncateAtSentence("cafe\u0301s", 4)).toBe("caf");
  });

  it("does not cut between a prepended mark and the space it joins", () => {
    // U+0600 forms one cluster with the following space (GB9b).
    expect(truncateAtSentence("ab\u0600 cd", 4)).toBe("ab");
    expect(truncateAtSentence("Ok.\u0600   ", 4)).toBe("Ok.");
    // ICU ends a sentence after U+070F, which is glued to the space after it: the sentence goes on.
    expect(splitSentences("Hi.\u070f There. Ok.")).toEqual(["Hi.\u070f There.", "Ok."]);
  });

  it("cuts an over-long text after a word when emoji separate the words", () => {
    expect(truncateAtSentence(`Maya ${FAMILY} waves at the camera`, 12)).toBe(`Maya ${FAMILY}`);
  });
});

describe("splitSentences without a terminator inside", () => {
  // A text with no sentence terminator before its last punctuation skips the
  // segmenter; this checks that shortcut against ICU itself.
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  const icuUnits = (text: string): string[] =>
    Array.from(segmenter.segment(text), (s) => s.segment.trim()).filter((s) => s !== "");

  it("gives exactly what ICU gives", () => {
    const word = fc.oneof(
      fc.constantFrom(
        "Maya",
        "turns",
        "slowly",
        "9:16",
        "2x",
        "🇫🇷",
        "👨‍👩‍👧",
        "e\u0301",
        "「光」",
        "(left)",
        "—",
      ),
      fc
        .string({ unit: "grapheme", minLength: 1, maxLength: 6 })
        .filter((w) => !/[\p{Sentence_Terminal}.\s]/u.test(w)),
    );
    const ending = fc.constantFrom("", ".", "!", "?!", '."', "…", "。", ".)", "");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), ending, (words, end) => {
        const text = foldWhitespace(words.join(" ") + end);
        expect(splitSentences(text)).toEqual(icuUnits(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe("splitSentences on ASCII text", () => {
  // Printable ASCII text is split without ICU; this holds that shortcut to ICU's segments merged as usual.
  const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
  const piece = fc.oneof(
    fc.constantFrom(
      "Dr.",
      "Mr.",
      "e.g.",
      "etc.",
      "vs.",
      "U.S.",
      "Maya",
      "she",
      "Ok",
      "A",
      "x",
      "then",
      "2.5x",
      "9:16",
      "42",
      "(5)",
      "--",
      "Go.",
      "a.",
    ),
    // After ". " ICU looks ahead over digits and punctuation for a lowercase letter (SB8); it never breaks before , - : ; or a terminator (SB8a).
    fc.constantFrom(
      ".",
      "!",
      "?",
      "?!",
      " ",
      " ",
      " ",
      "  ",
      ",",
      ";",
      ":",
      "-",
      "#",
      "3",
      ". ",
      "! ",
      "? ",
      ". A",
      ". a",
      ". 3",
      '"',
      "'",
      "(",
      ")",
      "[",
      "]",
      "{",
      "}",
    ),
    fc.string({ unit: ascii, maxLength: 4 }),
  );
  const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(""));

  it("finds what ICU finds", () => {
    fc.assert(
      fc.property(text, fc.constantFrom("", "X", ".", " ", ")"), (body, end) => {
        const t = body + end;
        expect(splitSentences(t)).toEqual(icuSplitSentences(t, Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives a section's sentences in one pass as folding, ending and splitting give them", () => {
    fc.assert(
      fc.property(text, (t) => {
        const fast = asciiPromptSentences(t);
        const folded = foldWhitespace(t);
        if (fast !== null)
          expect(fast).toEqual(folded === "" ? [] : splitSentences(ensureTerminalPeriod(folded)));
        // Only text that needs folding takes the general way.
        if (folded === t) expect(fast).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it("ends plain text with a period as the terminal-punctuation rule says", () => {
    fc.assert(
      fc.property(text, (t) => {
        const folded = foldWhitespace(t);
        if (folded !== "")
          expect(ensureTerminalPeriod(folded)).toBe(
            hasTerminalPunctuation(folded) ? folded : `${folded}.`,
          );
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["Take 3. Exactly two arms.", ["Take 3.", "Exactly two arms."]],
    ["Go. 3 apples fall.", ["Go. 3 apples fall."]],
    ["Go. (Then) cut.", ["Go.", "(Then) cut."]],
    ['He said "Stop." Then left.', ['He said "Stop."', "Then left."]],
    ["Wait! - no.", ["Wait! - no."]],
    ["Wait!  Go.", ["Wait!", "Go."]],
  ])("%j", (t, expected) => {
    expect(splitSentences(t)).toEqual(expected);
    expect(icuSplitSentences(t)).toEqual(expected);
  });
});
