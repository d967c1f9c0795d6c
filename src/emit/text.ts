/**
 * Plain-text helpers for prompt emission: counting code points, folding white
 * space, terminal punctuation, sentence splitting and the truncation the
 * video services apply at their length limit. All functions are pure.
 *
 * Offsets are UTF-16 indexes (JavaScript string indexes); lengths the user
 * sees are Unicode code points.
 */

// Segmenters are immutable once built, so one each is shared by every call.
// Made on first use: building a segmenter loads ICU data (several ms), which a run whose text is all plain ASCII never needs.
let sentences: Intl.Segmenter | undefined;
let graphemes: Intl.Segmenter | undefined;
const sentenceSegmenter = (): Intl.Segmenter =>
  (sentences ??= new Intl.Segmenter("en", { granularity: "sentence" }));
const graphemeSegmenter = (): Intl.Segmenter =>
  (graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" }));

/**
 * Length of the slices handed to Intl.Segmenter. V8 before 12.4 (Node 20)
 * spends time proportional to the whole input on every segment step
 * (crbug.com/326176949), so segmenting a long text in one go is quadratic.
 */
export const SEGMENT_WINDOW = 256;

const WHITE = /\s/u;
const TERMINAL = /[.!?…。！？][\p{Pe}\p{Pf}\p{Pi}"'＂＇]*$/u;
const LOWERCASE_START = /^\p{Ll}/u;
const OPENER = /[\s\p{Ps}\p{Pi}"'＂＇]/u;
// A letter that is not a combining extension (U+FF9E is both Lm and Extend).
const LETTER = /^(?!\p{Grapheme_Extend})\p{L}$/u;
// Sentence terminators (UAX #29 STerm/ATerm) as far as a slice end cares.
const STERM = /^[!?。！？‼⁇⁈⁉։؟।॥]$/u;
const ATERM = /^[.․﹒．]$/u;

/**
 * Abbreviations after which ICU ends a sentence when a capital follows
 * ("Dr. Smith"), but a prompt almost never does. Matched case-sensitively as
 * a whole word. "etc." is left out on purpose: in prompts it usually does end
 * a sentence ("cups, plates, etc. Camera pans left.").
 */
export const ABBREVIATIONS: readonly string[] = [
  "Dr.",
  "Mr.",
  "Mrs.",
  "Ms.",
  "Mx.",
  "Prof.",
  "St.",
  "Mt.",
  "vs.",
  "Vs.",
  "e.g.",
  "E.g.",
  "i.e.",
  "I.e.",
  "cf.",
  "Cf.",
  "approx.",
  "Approx.",
];

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether offset p falls between the two halves of a surrogate pair. */
function splitsPair(text: string, p: number): boolean {
  return isHighSurrogate(text.charCodeAt(p - 1)) && isLowSurrogate(text.charCodeAt(p));
}

/** Start offset of the code point that ends at p (p > 0). */
function codePointStartBefore(text: string, p: number): number {
  return splitsPair(text, p - 1) ? p - 2 : p - 1;
}

function isWhite(ch: string | undefined): boolean {
  return ch !== undefined && WHITE.test(ch);
}

/** Any surrogate (a code unit search: no u flag). */
const SURROGATE = /[\ud800-\udfff]/;

/** Number of Unicode code points; a lone surrogate counts as one. */
export function codePointLength(s: string): number {
  // Most text has no surrogate at all, and a native search for one is far cheaper than the loop.
  if (!SURROGATE.test(s)) return s.length;
  let pairs = 0;
  for (let i = 1; i < s.length; i++) {
    if (splitsPair(s, i)) {
      pairs++;
      i++;
    }
  }
  return s.length - pairs;
}

/** UTF-16 offset just after the first `count` code points of text (text.length if it has fewer). */
export function offsetAfterCodePoints(text: string, count: number): number {
  let p = 0;
  for (let n = 0; n < count && p < text.length; n++) p += splitsPair(text, p + 1) ? 2 : 1;
  return p;
}

/** Runs of white space (Unicode `\s`) become one space; the ends are trimmed. */
export function foldWhitespace(s: string): string {
  // Most texts are already folded; testing is far cheaper than rebuilding them.
  if (!NEEDS_FOLDING.test(s)) return s;
  return s.replace(/\s+/gu, " ").trim();
}

/** White space other than single spaces between words. */
const NEEDS_FOLDING = /^\s|\s$|\s\s|[^\S ]/u;

/**
 * Whether the text (ignoring trailing white space) ends in `.` `!` `?` `…`
 * `。` `！` `？`, optionally followed by closing brackets or quotation marks
 * (Unicode Pe, Pf and Pi — German closes with “ — and straight quotes).
 */
export function hasTerminalPunctuation(s: string): boolean {
  return TERMINAL.test(s.trimEnd());
}

/**
 * Chinese, Japanese and Korean characters, by script extension so that CJK
 * punctuation (`「」`, `、`) counts too.
 */
const CJK = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]$/u;

/** The last code point of text, ignoring trailing white space ("" when there is none). */
function lastCodePoint(s: string): string {
  const t = s.trimEnd();
  return t === "" ? "" : t.slice(codePointStartBefore(t, t.length));
}

/** Whether the text's last character (ignoring trailing white space) is Chinese, Japanese or Korean. */
export function endsInCjk(s: string): boolean {
  return CJK.test(lastCodePoint(s));
}

/** The period a text takes when it lacks terminal punctuation: `。` after CJK text, `.` after any other. */
export function periodFor(s: string): string {
  return endsInCjk(s) ? "。" : ".";
}

/** The trimmed text, with a period ({@link periodFor}) appended when it lacks terminal punctuation; "" stays "". */
export function ensureTerminalPeriod(s: string): string {
  if (s !== "" && isFoldedAscii(s)) return asciiHasTerminal(s) ? s : s + ".";
  const t = s.trim();
  if (t === "") return "";
  return hasTerminalPunctuation(t) ? t : t + periodFor(t);
}

/**
 * Finds where a slice that starts at `start` may end, at or after `from`:
 * no break before the end may depend on text after it.
 */
type SliceEndFinder = (text: string, start: number, from: number) => number;

/** Grapheme rules look at one code point past a break, so any end outside a surrogate pair will do. */
function graphemeSliceEnd(text: string, _start: number, from: number): number {
  return splitsPair(text, from) ? from + 1 : from;
}

/** What the last letter or terminator of a slice is, as far as a slice end cares. */
type Last = "none" | "safe" | "aterm";

function classify(ch: string): Last {
  if (ATERM.test(ch)) return "aterm";
  return LETTER.test(ch) || STERM.test(ch) ? "safe" : "none";
}

/**
 * UAX #29 sentence rules look past a break for one code point, except SB8,
 * which after a `.` (ATerm) scans ahead over non-letters for a lowercase
 * letter. A slice may therefore end right after a letter or terminator, or
 * anywhere the last letter or terminator in the slice is not a `.`. One
 * backward scan finds the last such character before `from`; the forward walk
 * then updates it a code point at a time, so a long run of non-letters costs
 * its length once, not once per candidate end.
 */
function sentenceSliceEnd(text: string, start: number, from: number): number {
  let last: Last = "none";
  let lastEnd = start;
  for (let p = splitsPair(text, from) ? from - 1 : from; p > start;) {
    const at = codePointStartBefore(text, p);
    last = classify(text.slice(at, p));
    lastEnd = p;
    if (last !== "none") break;
    p = at;
  }
  let end = from;
  while (end < text.length) {
    if (!splitsPair(text, end) && (last !== "aterm" || lastEnd === end)) return end;
    end++;
    if (splitsPair(text, end)) continue;
    const kind = classify(text.slice(codePointStartBefore(text, end), end));
    if (kind !== "none") {
      last = kind;
      lastEnd = end;
    }
  }
  return end;
}

/**
 * Break offsets of text (ascending, after 0, ending with text.length) as
 * `segmenter` finds them, computed slice by slice so the cost stays linear.
 * Each slice starts at a break found by the previous one (ICU iterates
 * forward from the previous break, so nothing before it matters) and ends
 * where `sliceEnd` says no earlier break depends on what follows; the break at
 * the slice's own end is discarded. A slice holding a single segment is
 * retried twice as long.
 */
function* breaks(
  segmenter: Intl.Segmenter,
  text: string,
  window: number,
  sliceEnd: SliceEndFinder,
): Generator<number> {
  let start = 0;
  let size = Math.max(1, window);
  while (start < text.length) {
    const end = sliceEnd(text, start, Math.min(text.length, start + size));
    let last = start;
    for (const { index } of segmenter.segment(text.slice(start, end))) {
      if (index === 0) continue;
      last = start + index;
      yield last;
    }
    if (end === text.length) break;
    size = last === start ? size * 2 : Math.max(1, window);
    start = last;
  }
  if (text.length > 0) yield text.length;
}

/** Grapheme-cluster boundaries of text (UTF-16 offsets, ascending), 0 and text.length included. */
export function graphemeBoundaries(text: string, window = SEGMENT_WINDOW): number[] {
  return [0, ...breaks(graphemeSegmenter(), text, window, graphemeSliceEnd)];
}

/**
 * Whether a cluster boundary lies at p when text[p] is white space. Only a
 * Prepend character (GB9b) glues to a following space, and that rule needs no
 * other context, so segmenting the two code points decides it.
 */
function isBoundaryBeforeWhite(text: string, p: number): boolean {
  const from = codePointStartBefore(text, p);
  const pair = text.slice(from, p + 1);
  return (
    graphemeSegmenter()
      .segment(pair)
      .containing(p - from)?.index ===
    p - from
  );
}

function endsWithAbbreviation(text: string, start: number, end: number): boolean {
  return ABBREVIATIONS.some((word) => {
    const at = end - word.length;
    return (
      at >= start && text.startsWith(word, at) && (at === start || OPENER.test(text.charAt(at - 1)))
    );
  });
}

/** A unit of text: [start, end) with no white space at either end. */
interface Span {
  start: number;
  end: number;
}

const FULL_WIDTH_END = /^[。！？]$/u;
const CLOSER = /^[\p{Pe}\p{Pf}\p{Pi}"'＂＇]$/u;

/**
 * Whether the unit ends in `。`, `！` or `？`, optionally followed by closing
 * quotes or brackets (`。」`): CJK text ends a sentence there with no space
 * after it. A backward scan over the closers, so no regex backtracks.
 */
function endsFullWidthSentence(text: string, span: Span): boolean {
  let p = span.end;
  while (p > span.start) {
    const from = codePointStartBefore(text, p);
    const ch = text.slice(from, p);
    if (FULL_WIDTH_END.test(ch)) return true;
    if (!CLOSER.test(ch)) return false;
    p = from;
  }
  return false;
}

/**
 * Whether the sentence starting at `next` continues the unit `current`
 * instead of starting a new one: no white space between them, unless
 * `current` ends a CJK sentence (`她走进房间。她坐下。` is two units), a
 * cluster spans the gap, `current` ends with a known abbreviation, or the
 * next sentence starts with a lowercase letter (`"Really?!" she asks.`).
 */
function continues(text: string, current: Span, next: number): boolean {
  return (
    (next === current.end && !endsFullWidthSentence(text, current)) ||
    !isBoundaryBeforeWhite(text, current.end) ||
    endsWithAbbreviation(text, current.start, current.end) ||
    LOWERCASE_START.test(text.slice(next, next + 2))
  );
}

// What can end a sentence for ICU (UAX #29 STerm, ATerm, paragraph separators), and what may trail one.
const ANY_TERMINATOR = /[\p{Sentence_Terminal}.\u2024\uFE52\uFF0E\r\n\u0085\u2028\u2029]/u;
const TAIL_CHAR = /^[\p{Sentence_Terminal}.\u2024\uFE52\uFF0E\p{Pe}\p{Pf}\p{Pi}"'\s]$/u;

/** Start of the run of terminators, closers and white space that ends text (a backward scan: no regex backtracking). */
function tailStart(text: string): number {
  let p = text.length;
  while (p > 0) {
    const start = codePointStartBefore(text, p);
    if (!TAIL_CHAR.test(text.slice(start, p))) break;
    p = start;
  }
  return p;
}

/**
 * The span of a text that is one sentence because nothing before its final
 * punctuation can end a sentence (most prompt sections), or null. Skipping
 * the segmenter for those is most of the emitter's speed on large files.
 */
function singleSentence(text: string): Span | null {
  if (ANY_TERMINATOR.test(text.slice(0, tailStart(text)))) return null;
  let start = 0;
  let end = text.length;
  while (start < end && isWhite(text[start])) start++;
  while (end > start && isWhite(text[end - 1])) end--;
  return { start, end };
}

/** Opening brackets and quotes: after a full-width end (`！「`) they start the next sentence. */
const CJK_OPENER = /^[\p{Ps}\p{Pi}]$/u;

/**
 * Where a run of opening brackets or quotes at the end of `span` starts, when
 * a full-width end (optionally with closers) comes right before it: ICU keeps
 * `「` in `！「` with the sentence before (UAX #29 counts any bracket as a
 * closer), but in CJK text it opens the next one. -1 otherwise. A backward
 * scan over the span's trailing punctuation only.
 */
function trailingOpenerStart(text: string, span: Span): number {
  let p = span.end;
  while (p > span.start) {
    const from = codePointStartBefore(text, p);
    if (!CJK_OPENER.test(text.slice(from, p))) break;
    p = from;
  }
  if (p === span.end || p === span.start) return -1;
  return endsFullWidthSentence(text, { start: span.start, end: p }) ? p : -1;
}

/** ICU's sentence segments, trimmed and non-empty, with trailing CJK openers as pieces of their own. */
function* segmentPieces(text: string, window: number): Generator<Span> {
  let segmentStart = 0;
  for (const brk of breaks(sentenceSegmenter(), text, window, sentenceSliceEnd)) {
    let start = segmentStart;
    while (start < brk && isWhite(text[start])) start++;
    let end = brk;
    while (end > start && isWhite(text[end - 1])) end--;
    segmentStart = brk;
    if (start === end) continue;
    const opener = trailingOpenerStart(text, { start, end });
    if (opener < 0) {
      yield { start, end };
      continue;
    }
    yield { start, end: opener };
    yield { start: opener, end };
  }
}

/** Printable ASCII and nothing else: the text {@link asciiSentenceSpans} decides without ICU. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const SPACE = 0x20;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

function isAsciiLower(code: number): boolean {
  return code >= LOWER_A && code <= LOWER_Z;
}

/** UAX #29 Close among printable ASCII: quotation marks and brackets. */
function isAsciiClose(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x5b ||
    code === 0x5d ||
    code === 0x7b ||
    code === 0x7d
  );
}

/** UAX #29 STerm and ATerm among printable ASCII. */
function isAsciiTerminator(code: number): boolean {
  return code === 0x21 || code === 0x2e || code === 0x3f;
}

/** UAX #29 SContinue among printable ASCII. */
function isAsciiContinue(code: number): boolean {
  return code === 0x2c || code === 0x2d || code === 0x3a || code === 0x3b;
}

/** A letter (Upper or Lower) or a terminator: where SB8's look-ahead after a `.` stops. */
function stopsLookAhead(code: number): boolean {
  return isAsciiTerminator(code) || (code >= 0x41 && code <= 0x5a) || isAsciiLower(code);
}

/**
 * Whether ICU's sentence rules break before `next`, the first character after
 * the run of spaces that starts at `space` (printable ASCII text). Only a
 * terminator, closers and spaces before it can break there (UAX #29 SB11);
 * not before `,` `-` `:` `;` or another terminator (SB8a), nor after a `.`
 * when the next letter past digits and other punctuation is lowercase (SB8).
 */
function asciiBreakAfterSpaces(text: string, space: number, next: number): boolean {
  let p = space;
  while (p > 0 && isAsciiClose(text.charCodeAt(p - 1))) p--;
  const terminator = p > 0 ? text.charCodeAt(p - 1) : SPACE;
  if (!isAsciiTerminator(terminator)) return false;
  const first = text.charCodeAt(next);
  if (isAsciiContinue(first) || isAsciiTerminator(first)) return false;
  if (terminator !== 0x2e) return true;
  let q = next;
  while (q < text.length && !stopsLookAhead(text.charCodeAt(q))) q++;
  return !(q < text.length && isAsciiLower(text.charCodeAt(q)));
}

/** UAX #29 STerm and ATerm among printable ASCII ({@link isAsciiTerminator}), for a native search. */
const ASCII_TERMINATOR = /[.!?]/;

/**
 * A terminator, closers and the run of spaces after them: the only places
 * where ICU's rules can end a unit of printable ASCII text (see
 * {@link asciiSentenceSpans}). Global, so a scan goes from one to the next
 * natively instead of asking at every space.
 */
const ASCII_GAP = /[.!?]["'()[\]{}]* +/g;

/**
 * The sentence units of printable ASCII text that is not one sentence, as
 * ICU's segments merged ({@link segmentedSpans}) give them (test/text.test.ts checks the two against each other), in one
 * pass without ICU. Only a break after white space can end a unit (a break
 * with none is merged, see `continues`), and in ASCII the rules for one reduce
 * to {@link asciiBreakAfterSpaces}, which holds only after a terminator and
 * closers ({@link ASCII_GAP}). Linear: each look-ahead stops at the next
 * letter or terminator, before the next break can be asked about.
 */
function asciiSentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === SPACE) start++;
  ASCII_GAP.lastIndex = start;
  for (let gap = ASCII_GAP.exec(text); gap !== null; gap = ASCII_GAP.exec(text)) {
    const next = ASCII_GAP.lastIndex;
    if (next === text.length) break;
    let p = next;
    while (text.charCodeAt(p - 1) === SPACE) p--;
    // What `continues` asks, for ASCII: a cluster never spans a space, and \p{Ll} is a-z.
    if (
      asciiBreakAfterSpaces(text, p, next) &&
      !isAsciiLower(text.charCodeAt(next)) &&
      !endsWithAbbreviation(text, start, p)
    ) {
      spans.push({ start, end: p });
      start = next;
    }
  }
  ASCII_GAP.lastIndex = 0;
  let end = text.length;
  while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
  if (start < end) spans.push({ start, end });
  return spans;
}

/** Closers that may follow terminal punctuation, among printable ASCII (`hasTerminalPunctuation`'s Pe, Pf, Pi and quotes). */
function isAsciiCloser(code: number): boolean {
  return code === 0x29 || code === 0x5d || code === 0x7d || code === 0x22 || code === 0x27;
}

/** What may trail a sentence's last word, among printable ASCII (`TAIL_CHAR`). */
function isAsciiTail(code: number): boolean {
  return code === SPACE || isAsciiTerminator(code) || isAsciiCloser(code);
}

/** A character outside printable ASCII, or a space at either end or after another: what folding or stripping would change. */
const NOT_FOLDED_ASCII = /[^\x20-\x7e]|^ | $| {2}/;

/**
 * Printable ASCII with no space at either end or twice in a row: text that folding and stripping leave as it is.
 * One native search: a loop over the characters cost most of emitting a small file before the JIT warmed to it.
 */
export function isFoldedAscii(text: string): boolean {
  return !NOT_FOLDED_ASCII.test(text);
}

/** Whether a text of printable ASCII ends in terminal punctuation (`hasTerminalPunctuation`, without a regex). */
function asciiHasTerminal(text: string): boolean {
  let p = text.length;
  while (p > 0 && isAsciiCloser(text.charCodeAt(p - 1))) p--;
  return p > 0 && isAsciiTerminator(text.charCodeAt(p - 1));
}

/**
 * `splitSentences(ensureTerminalPeriod(foldWhitespace(text)))` for a text of
 * printable ASCII that needs no folding (no space at either end or twice in a
 * row), in one pass and a few allocations; null for any other text (the caller
 * takes the general way). A section's text is nearly always such a text, and
 * large files have tens of thousands of them. test/text.test.ts holds it to the
 * general way.
 */
export function asciiPromptSentences(text: string): string[] | null {
  if (!isFoldedAscii(text)) return null;
  if (text === "") return [];
  const ended = asciiHasTerminal(text) ? text : text + ".";
  const firstTerminator = ended.search(ASCII_TERMINATOR);
  // `singleSentence`: nothing before the final run of terminators and closers can end a sentence.
  let tail = ended.length;
  while (tail > firstTerminator && isAsciiTail(ended.charCodeAt(tail - 1))) tail--;
  if (firstTerminator >= tail) return [ended];
  return spanTexts(ended, asciiSentenceSpans(ended));
}

/** Sentence units of text, lazily, so a truncation can stop early. */
function* sentenceSpans(text: string, window = SEGMENT_WINDOW): Generator<Span> {
  yield* sentenceSpanList(text, window, true);
}

/** A text that is one sentence, else ASCII text split without ICU (when `ascii`), else ICU's segments merged. */
function sentenceSpanList(text: string, window: number, ascii: boolean): Iterable<Span> {
  const single = singleSentence(text);
  if (single) return single.start < single.end ? [single] : [];
  if (ascii && PRINTABLE_ASCII.test(text)) return asciiSentenceSpans(text);
  return segmentedSpans(text, window);
}

/** ICU's sentence segments, merged and split as {@link splitSentences} says. */
function* segmentedSpans(text: string, window: number): Generator<Span> {
  let current: Span | undefined;
  for (const { start, end } of segmentPieces(text, window)) {
    if (current !== undefined && continues(text, current, start)) {
      current.end = end;
      continue;
    }
    if (current !== undefined) yield current;
    current = { start, end };
  }
  if (current !== undefined) yield current;
}

/**
 * Sentence units of a whitespace-folded text, each trimmed and non-empty.
 * Units come from `Intl.Segmenter("en", { granularity: "sentence" })`, with
 * a segment merged into the previous unit when the previous one ends with one
 * of {@link ABBREVIATIONS}, the segment starts with a lowercase letter, or no
 * white space separates them and the previous one does not end in `。`, `！`
 * or `？` (closing quotes or brackets may follow; an opening one, `！「`,
 * starts the next unit). For folded text, the units
 * joined by what separated them (one space, or nothing after such a CJK end)
 * give back the text.
 */
export function splitSentences(text: string, window = SEGMENT_WINDOW): string[] {
  return spanTexts(text, sentenceSpanList(text, window, true));
}

/** {@link splitSentences} with ICU deciding every ASCII text too: what test/text.test.ts holds the ASCII shortcut to. */
export function icuSplitSentences(text: string, window = SEGMENT_WINDOW): string[] {
  return spanTexts(text, sentenceSpanList(text, window, false));
}

function spanTexts(text: string, spans: Iterable<Span>): string[] {
  const out: string[] = [];
  // The whole text is the one sentence of most sections: no copy of it then.
  for (const { start, end } of spans)
    out.push(start === 0 && end === text.length ? text : text.slice(start, end));
  return out;
}

/** End offsets (UTF-16) of the {@link splitSentences} units of text. */
export function sentenceEnds(text: string, window = SEGMENT_WINDOW): number[] {
  return Array.from(sentenceSpanList(text, window, true), (span) => span.end);
}

function lastSentenceEnd(text: string, cut: number): number {
  let best = 0;
  for (const { end } of sentenceSpans(text)) {
    if (end > cut) break;
    if (end === text.length || isBoundaryBeforeWhite(text, end)) best = end;
  }
  return best;
}

function lastWordEnd(text: string, cut: number): number {
  for (let p = Math.min(cut, text.length - 1); p > 0; p--) {
    if (isWhite(text[p]) && !isWhite(text[p - 1]) && isBoundaryBeforeWhite(text, p)) return p;
  }
  return 0;
}

function lastGraphemeEnd(text: string, cut: number): number {
  let best = 0;
  for (const p of breaks(graphemeSegmenter(), text, SEGMENT_WINDOW, graphemeSliceEnd)) {
    if (p > cut) break;
    if (!isWhite(text[p - 1])) best = p;
  }
  return best;
}

/**
 * What a video service does to a prompt over its limit.
 *
 * - `limit <= 0` (or NaN) gives "".
 * - A text of at most `limit` code points is returned unchanged.
 * - Otherwise the result is `text.slice(0, p)` for the largest cut `p > 0`
 *   such that `p` is a grapheme-cluster boundary, the prefix has at most
 *   `limit` code points and its last code point is not white space, taking
 *   the first kind of cut that exists:
 *   1. `p` is the end of a {@link splitSentences} unit of text;
 *   2. `p` is followed by white space (a word end);
 *   3. any such `p`.
 * - "" when no cut exists (say, one cluster longer than the limit).
 *
 * A surrogate pair or grapheme cluster is never split.
 */
export function truncateAtSentence(text: string, limit: number): string {
  if (!(limit > 0)) return "";
  if (codePointLength(text) <= limit) return text;
  const cut = offsetAfterCodePoints(text, Math.floor(limit));
  const end = lastSentenceEnd(text, cut) || lastWordEnd(text, cut) || lastGraphemeEnd(text, cut);
  return text.slice(0, end);
}
