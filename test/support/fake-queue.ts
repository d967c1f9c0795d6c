/**
 * A stand-in for fal's queue on 127.0.0.1, speaking the protocol as
 * `@fal-ai/client` 1.10 uses it through a proxy (`proxyUrl`, `when: "always"`):
 * every call is POSTed or GETted to the proxy URL with the real queue URL in
 * `x-fal-target-url`.
 *
 *   POST https://queue.fal.run/{owner}/{alias}/{path}        → { request_id, status_url, response_url }
 *   GET  https://queue.fal.run/{owner}/{alias}/requests/{id}/status → { status: IN_QUEUE | IN_PROGRESS | COMPLETED, queue_position? }
 *   GET  https://queue.fal.run/{owner}/{alias}/requests/{id}        → { video: { url } }
 *
 * Videos are served directly (not through the proxy) at /videos/{id}.mp4; the
 * result gives each one's `file_size`, as fal's does.
 * Faults are keyed by scene, read from the request's image URL (…/{scene}.png).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Faults {
  /** Times a scene's submit answers this status before it is accepted (503: the client retries; 500: klingc does). */
  submitErrors?: Record<string, { status: number; times: number }>;
  /** Scenes whose result is a 422 content_policy_violation. */
  refuse?: string[];
  /** Scenes whose result has no video. */
  noVideo?: string[];
  /** Scenes whose download is cut off halfway (while `truncate` holds them). */
  truncate?: string[];
  /** Scenes that take this many more status polls to render. */
  slow?: Record<string, number>;
  /** Status answers this status for these scenes (e.g. 404: the queue forgot the request). */
  statusError?: Record<string, number>;
  /** Times a scene's download sends its headers and then no byte at all (the connection stays open). */
  stall?: Record<string, number>;
  /** Times a scene's download trickles: `TRICKLE.bytes` every `TRICKLE.everyMs`, never finishing in a test's time. */
  trickle?: Record<string, number>;
  /** Scenes whose download sends more bytes than the result's `file_size` (chunked: no content-length to check). */
  oversize?: string[];
  /** A scene's video size in bytes (default: 2,000 to 5,000 at random). */
  size?: Record<string, number>;
}

/** A trickling body: 8 bytes every 250 ms, 32 bytes a second. */
export const TRICKLE = { bytes: 8, everyMs: 250 } as const;

export interface Submission {
  id: string;
  scene: string;
  endpoint: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeQueue {
  /** The proxy URL to give the client. */
  proxyUrl: string;
  faults: Faults;
  /** Accepted submissions, in order. */
  submissions: Submission[];
  /** Every submit attempt, refused ones included, by scene. */
  submitAttempts: string[];
  /** `Authorization` headers the proxy received. */
  authorizations: Set<string>;
  /** Target URLs of every proxied call. */
  calls: string[];
  videos: Map<string, Buffer>;
  /** Most requests open at once (submitted, video not yet fully served). */
  maxOpen: number;
  /** When a scene's video was fully served, by scene. */
  finishedAt: Map<string, number>;
  /** While true, renders stay IN_PROGRESS. */
  hold: boolean;
  /** Download attempts, by scene (every GET of a video, whatever it was served). */
  downloads: string[];
  /** The video a scene's render gives (default: random bytes), e.g. a real clip made with ffmpeg. */
  clipFor: ((scene: string) => Buffer | undefined) | null;
  close(): Promise<void>;
}

const QUEUE_HOST = "https://queue.fal.run/";

function sceneOf(body: Record<string, unknown>): string {
  const named = body["image_url"] ?? body["start_image_url"];
  const image = typeof named === "string" ? named : "";
  return image.slice(image.lastIndexOf("/") + 1).replace(/\.png$/, "");
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeQueue(faults: Faults = {}): Promise<FakeQueue> {
  const open = new Set<string>();
  const polls = new Map<string, number>();
  const byId = new Map<string, Submission>();
  let base = "";
  const queue: FakeQueue = {
    proxyUrl: "",
    faults,
    submissions: [],
    submitAttempts: [],
    authorizations: new Set(),
    calls: [],
    videos: new Map(),
    maxOpen: 0,
    finishedAt: new Map(),
    hold: false,
    downloads: [],
    clipFor: null,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const finish = (id: string): void => {
    open.delete(id);
    const scene = byId.get(id)?.scene;
    if (scene !== undefined) queue.finishedAt.set(scene, Date.now());
  };

  const submit = (endpoint: string, body: Record<string, unknown>, res: ServerResponse): void => {
    const scene = sceneOf(body);
    queue.submitAttempts.push(scene);
    const error = queue.faults.submitErrors?.[scene];
    if (error && error.times > 0) {
      error.times--;
      return json(res, error.status, { detail: "temporarily unavailable" });
    }
    const id = `req-${scene}-${randomBytes(4).toString("hex")}`;
    const submission = { id, scene, endpoint, body, at: Date.now() };
    queue.submissions.push(submission);
    byId.set(id, submission);
    const size = queue.faults.size?.[scene] ?? 2000 + Math.floor(Math.random() * 3000);
    queue.videos.set(id, queue.clipFor?.(scene) ?? randomBytes(size));
    open.add(id);
    queue.maxOpen = Math.max(queue.maxOpen, open.size);
    const root = `${QUEUE_HOST}${endpoint.split("/").slice(0, 2).join("/")}/requests/${id}`;
    json(res, 200, {
      request_id: id,
      status_url: `${root}/status`,
      response_url: root,
      cancel_url: `${root}/cancel`,
    });
  };

  const status = (id: string, res: ServerResponse): void => {
    const submission = byId.get(id);
    if (!submission) return json(res, 404, { detail: "Request not found" });
    const error = queue.faults.statusError?.[submission.scene];
    if (error) return json(res, error, { detail: `status ${error}` });
    const n = (polls.get(id) ?? 0) + 1;
    polls.set(id, n);
    const slow = queue.faults.slow?.[submission.scene] ?? 0;
    if (n <= 1) return json(res, 200, { status: "IN_QUEUE", queue_position: 2, request_id: id });
    if (n <= 2) return json(res, 200, { status: "IN_QUEUE", queue_position: 1, request_id: id });
    if (queue.hold || n <= 3 + slow)
      return json(res, 200, { status: "IN_PROGRESS", request_id: id, logs: null });
    json(res, 200, { status: "COMPLETED", request_id: id, logs: null });
  };

  const result = (id: string, res: ServerResponse): void => {
    const submission = byId.get(id);
    if (!submission) return json(res, 404, { detail: "Request not found" });
    if (queue.faults.refuse?.includes(submission.scene)) {
      finish(id);
      return json(res, 422, {
        detail: [
          {
            loc: ["body", "prompt"],
            msg: "The content could not be processed because it contained material flagged by a content checker.",
            type: "content_policy_violation",
          },
        ],
      });
    }
    if (queue.faults.noVideo?.includes(submission.scene)) {
      finish(id);
      return json(res, 200, { video: null });
    }
    // A seed sent is answered back, as services that take one report the seed they used.
    const seed = submission.body["seed"];
    json(res, 200, {
      video: {
        url: `${base}/videos/${id}.mp4`,
        content_type: "video/mp4",
        file_name: "output.mp4",
        file_size: queue.videos.get(id)?.length,
      },
      ...(typeof seed === "number" ? { seed } : {}),
    });
  };

  /** Takes one of a scene's counted faults (`stall`, `trickle`): true while any remain. */
  const take = (counts: Record<string, number> | undefined, scene: string): boolean => {
    const left = counts?.[scene] ?? 0;
    if (left <= 0 || counts === undefined) return false;
    counts[scene] = left - 1;
    return true;
  };

  const trickle = (bytes: Buffer, res: ServerResponse): void => {
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= bytes.length) return void res.end();
      res.write(bytes.subarray(sent, sent + TRICKLE.bytes));
      sent += TRICKLE.bytes;
    }, TRICKLE.everyMs);
    res.on("close", () => clearInterval(timer));
  };

  const video = (id: string, res: ServerResponse): void => {
    const bytes = queue.videos.get(id);
    const submission = byId.get(id);
    if (!bytes || !submission) return json(res, 404, { detail: "no such file" });
    const scene = submission.scene;
    queue.downloads.push(scene);
    if (queue.faults.oversize?.includes(scene)) {
      res.writeHead(200, { "content-type": "video/mp4" });
      return void res.end(Buffer.concat([bytes, bytes]));
    }
    res.writeHead(200, { "content-type": "video/mp4", "content-length": bytes.length });
    if (take(queue.faults.stall, scene)) return void res.flushHeaders();
    if (take(queue.faults.trickle, scene)) return trickle(bytes, res);
    if (queue.faults.truncate?.includes(scene)) {
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
      return;
    }
    res.end(bytes, () => finish(id));
  };

  const proxied = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = String(req.headers["x-fal-target-url"] ?? "");
    queue.calls.push(`${req.method} ${target}`);
    if (typeof req.headers.authorization === "string")
      queue.authorizations.add(req.headers.authorization);
    if (!target.startsWith(QUEUE_HOST))
      return json(res, 412, { detail: `not a queue URL: ${target}` });
    const url = new URL(target);
    const parts = url.pathname.slice(1).split("/");
    const at = parts.indexOf("requests");
    if (req.method === "POST" && at < 0)
      return submit(
        parts.join("/"),
        JSON.parse(await readBody(req)) as Record<string, unknown>,
        res,
      );
    const id = parts[at + 1] ?? "";
    if (req.method === "GET" && parts[at + 2] === "status") return status(id, res);
    if (req.method === "GET" && parts.length === at + 2) return result(id, res);
    json(res, 405, { detail: `${req.method} ${target}` });
  };

  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/api/fal/proxy")
      return void proxied(req, res).catch((error: Error) =>
        json(res, 500, { detail: error.message }),
      );
    const video_ = /^\/videos\/([\w-]+)\.mp4$/.exec(path);
    if (req.method === "GET" && video_) return video(video_[1] ?? "", res);
    json(res, 404, { detail: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  queue.proxyUrl = `${base}/api/fal/proxy`;
  return queue;
}
