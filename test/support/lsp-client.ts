/** A test client that speaks to `klingc lsp --stdio` as an editor does: JSON-RPC over the child's stdio. */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import {
  InitializeRequest,
  PublishDiagnosticsNotification,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export interface Client {
  connection: MessageConnection;
  child: ChildProcess;
  initialize: InitializeResult;
  /** The next diagnostics published for `uri` (after those already seen). */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  logs: string[];
  /** What the server asked the client to register (`client/registerCapability`). */
  registrations: unknown[];
  stderr: () => string;
  exited: Promise<number | null>;
}

export async function startClient(
  initializationOptions: Record<string, unknown> = { debounceMs: 20 },
): Promise<Client> {
  const child = spawn(process.execPath, [resolve(ROOT, "bin/klingc.cjs"), "lsp", "--stdio"], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  const queues = new Map<string, PublishDiagnosticsParams[]>();
  const waiters = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const waiting = waiters.get(params.uri)?.shift();
    if (waiting) waiting(params);
    else queues.set(params.uri, [...(queues.get(params.uri) ?? []), params]);
  });
  const logs: string[] = [];
  connection.onNotification("window/logMessage", (params: { message: string }) => {
    logs.push(params.message);
  });
  // The server asks to watch config files; say yes, as an editor does.
  const registrations: unknown[] = [];
  connection.onRequest("client/registerCapability", (params: unknown) => {
    registrations.push(params);
    return null;
  });
  connection.listen();
  const initialize = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions,
  });
  await connection.sendNotification("initialized", {});
  return {
    connection,
    child,
    initialize,
    logs,
    registrations,
    stderr: () => err,
    exited,
    nextDiagnostics(uri) {
      const queued = queues.get(uri)?.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((done) => waiters.set(uri, [...(waiters.get(uri) ?? []), done]));
    },
  };
}

/** Ends the session as an editor does: `shutdown`, then `exit`; resolves to the exit code. */
export async function stopClient(client: Client): Promise<number | null> {
  await client.connection.sendRequest("shutdown");
  await client.connection.sendNotification("exit");
  const code = await client.exited;
  client.connection.dispose();
  return code;
}
