/**
 * The CLI's output without Node's stream objects. `process.stdout` and
 * `process.stderr` are built on first use (a pipe's is a net.Socket: node:net,
 * node:stream and node:tty loaded), about 3 ms of every start; klingc writes
 * its output in whole pieces, synchronously, as Node itself writes to files
 * and pipes on Linux, so it writes to the descriptors and asks fstat whether
 * one is a terminal.
 */
import { fstatSync, writeSync } from "node:fs";
import { isatty } from "node:tty";

type Fd = 1 | 2;

/** Whether standard output (1) or error (2) is a terminal; a file or pipe is told apart without loading node:tty. */
export function isTerminal(fd: Fd): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return isatty(fd);
}

/** Descriptors that once could not take a write at once: from then on Node's stream writes to them, in order. */
const streamed = new Set<Fd>();

function stream(fd: Fd): NodeJS.WriteStream {
  return fd === 1 ? process.stdout : process.stderr;
}

/** Descriptors whose reader has gone (`klingc lint | head`): what is left to say is dropped, and the run still ends with its own exit code. */
const closed = new Set<Fd>();

/** A failed write ends the run with exit code 2, but a reader that stopped early is no error. */
function writeFailed(fd: Fd, error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE") process.exit(2);
  closed.add(fd);
}

function streamWrite(fd: Fd, text: string | Uint8Array): void {
  const target = stream(fd);
  if (!streamed.has(fd)) {
    streamed.add(fd);
    // The stream reports later, when the run may have ended: then its exit code stands.
    target.on("error", (error: NodeJS.ErrnoException) =>
      process.exit(error.code === "EPIPE" ? (process.exitCode ?? 0) : 2),
    );
  }
  target.write(text);
}

/** Writes all of `text` to standard output (1) or error (2). */
export function writeAll(fd: Fd, text: string): void {
  if (closed.has(fd)) return;
  if (streamed.has(fd)) return streamWrite(fd, text);
  let rest = Buffer.from(text, "utf8");
  while (rest.length > 0) {
    let written: number;
    try {
      written = writeSync(fd, rest);
    } catch (error) {
      // A descriptor left non-blocking by another process: Node's stream waits for it.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") return streamWrite(fd, rest);
      return writeFailed(fd, error as NodeJS.ErrnoException);
    }
    rest = rest.subarray(written);
  }
}
