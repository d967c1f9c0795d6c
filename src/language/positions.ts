/** A point in a source text (unist-compatible). */
export interface Point {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in Unicode code points; column 1 of line 1 is the first character after a BOM. */
  column: number;
  /** UTF-16 index into the text as given (BOM included). */
  offset: number;
}

/** An end-exclusive range (unist-compatible `position`). */
export interface Span {
  start: Point;
  end: Point;
}

const BOM = 0xfeff;
const LOW_SURROGATE = /[\udc00-\udfff]/;

function isLowSurrogateAfterHigh(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const p = text.charCodeAt(i - 1);
  return p >= 0xd800 && p <= 0xdbff;
}

/**
 * Maps UTF-16 offsets to lines and code-point columns in O(log n).
 * Line breaks are LF, CRLF and a lone CR.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [];
  /** Offsets of the second half of every surrogate pair, ascending. */
  private readonly pairTails: number[] = [];
  private readonly bomLength: number;

  constructor(readonly text: string) {
    this.bomLength = text.charCodeAt(0) === BOM ? 1 : 0;
    const starts = this.lineStarts;
    starts.push(this.bomLength);
    // indexOf runs natively: most texts have no CR, and most have no surrogate pair.
    if (text.indexOf("\r") < 0) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
      }
    }
    const firstLow = text.search(LOW_SURROGATE);
    if (firstLow >= 0) {
      for (let i = firstLow; i < text.length; i++)
        if (isLowSurrogateAfterHigh(text, i)) this.pairTails.push(i);
    }
    this.#simple = this.pairTails.length === 0;
    this.setLastLine(0);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /**
   * The line of the last lookup: tree building asks in source order, so it is
   * usually right again. #private fields, so equal texts still give equal indexes.
   */
  #lastLine = 0;
  /** Where #lastLine starts. */
  #lastLineStart = 0;
  /** Where the line after #lastLine starts (one past the end of the text on the last line). */
  #nextLineStart = -1;
  /** No surrogate pair: a column is an offset on its line. */
  #simple = true;

  private setLastLine(line: number): void {
    this.#lastLine = line;
    this.#lastLineStart = this.lineStarts[line] as number;
    this.#nextLineStart = this.lineStarts[line + 1] ?? this.text.length + 1;
  }

  private lineIndexOf(offset: number): number {
    const starts = this.lineStarts;
    // The first and the last line without a search: the file's own span asks for both.
    const lastLine = starts.length - 1;
    if (offset >= (starts[lastLine] as number)) {
      this.setLastLine(lastLine);
      return lastLine;
    }
    if (offset < (starts[1] as number)) {
      this.setLastLine(0);
      return offset < (starts[0] as number) ? -1 : 0;
    }
    let line = this.#lastLine;
    if ((starts[line] as number) <= offset) {
      // Forward from the last line: the next offset asked is usually on it or a few lines on.
      for (
        let step = 0;
        step < 8 && line + 1 < starts.length && (starts[line + 1] as number) <= offset;
        step++
      )
        line++;
      if (line + 1 >= starts.length || (starts[line + 1] as number) > offset) {
        this.setLastLine(line);
        return line;
      }
    }
    const found = upperBound(starts, offset) - 1;
    this.setLastLine(Math.max(0, found));
    return found;
  }

  point(offset: number): Point {
    // The usual case, tokens asked in order: on the line of the last lookup (or a later one), in text without surrogate pairs.
    if (offset >= this.#nextLineStart && this.#simple && offset <= this.text.length)
      this.lineIndexOf(offset);
    const lineStart = this.#lastLineStart;
    if (offset >= lineStart && offset < this.#nextLineStart && this.#simple) {
      return { line: this.#lastLine + 1, column: offset - lineStart + 1, offset };
    }
    return this.pointOnAnyLine(offset);
  }

  private pointOnAnyLine(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const lineIdx = this.lineIndexOf(clamped);
    const lineStart = this.lineStarts[Math.max(0, lineIdx)] ?? 0;
    const from = Math.min(lineStart, clamped);
    const tails =
      this.pairTails.length === 0
        ? 0
        : upperBound(this.pairTails, clamped - 1) - upperBound(this.pairTails, from - 1);
    return { line: Math.max(0, lineIdx) + 1, column: clamped - from - tails + 1, offset: clamped };
  }

  span(start: number, end: number): Span {
    // The usual case: a token on the line of the last lookup (or a later one), in text without surrogate pairs.
    if (start >= this.#nextLineStart && this.#simple && start <= this.text.length)
      this.lineIndexOf(start);
    const lineStart = this.#lastLineStart;
    if (start >= lineStart && start <= end && end < this.#nextLineStart && this.#simple) {
      const line = this.#lastLine + 1;
      const column = start - lineStart + 1;
      return {
        start: { line, column, offset: start },
        end: { line, column: column + (end - start), offset: end },
      };
    }
    const first = this.point(start);
    const last = Math.max(first.offset, Math.min(end, this.text.length));
    // Most spans end on their own line, in text without surrogate pairs: no second lookup needed.
    const nextLine = this.lineStarts[first.line] ?? Infinity;
    if (this.pairTails.length === 0 && last < nextLine && first.offset >= this.bomLength) {
      return {
        start: first,
        end: { line: first.line, column: first.column + (last - first.offset), offset: last },
      };
    }
    return { start: first, end: this.point(last) };
  }

  /** Offset where a 1-based line starts (after a BOM on line 1). */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Index of the first element greater than `value`. */
function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
