// A group-robot webhook on 127.0.0.1 that misbehaves on request: slow, 5xx, 45009, cut connections, no answer.
// It records what a chat would show (a message counts as shown once accepted, whatever happens to the answer),
// and how many shown messages never got their answer back to the sender: the only ones a sender cannot know about.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type WebhookBehaviour =
  | { kind: "ok" }
  /** shows the message, answers ok after `ms` */
  | { kind: "slow"; ms: number }
  | { kind: "http500" }
  /** HTTP 200 with errcode 45009 (frequency limit): not shown */
  | { kind: "errcode45009" }
  /** cuts the connection before showing the message */
  | { kind: "dropBefore" }
  /** shows the message, then cuts the connection without answering */
  | { kind: "dropAfter" }
  /** shows the message and never answers (until the sender gives up or the webhook stops) */
  | { kind: "hang" };

export interface ShownMessage {
  key: string;
  content: string;
  at: number;
}

export interface FaultWebhook {
  url: string;
  /** the webhook URL of a robot key */
  robotUrl(key: string): string;
  shown: ShownMessage[];
  /** every request received, shown or not */
  requests: number;
  /** shown messages whose answer did not reach the sender (cut, hung up on, or the sender died) */
  shownUnanswered: number;
  /** waits until `n` requests have arrived */
  waitForRequests(n: number): Promise<void>;
  stop(): Promise<void>;
}

/** `behave(n)` decides the n-th request's fate (1-based). */
export async function startFaultWebhook(
  behave: (n: number) => WebhookBehaviour = () => ({ kind: "ok" }),
): Promise<FaultWebhook> {
  const waiters: Array<{ n: number; done: () => void }> = [];
  const hub: FaultWebhook = {
    url: "",
    robotUrl: (key) => `${hub.url}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    shown: [],
    requests: 0,
    shownUnanswered: 0,
    waitForRequests: (n) =>
      hub.requests >= n ? Promise.resolve() : new Promise<void>((done) => waiters.push({ n, done })),
    stop: async () => {},
  };

  const json = (res: ServerResponse, body: unknown) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const n = ++hub.requests;
    for (const w of waiters.filter((w) => hub.requests >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.done();
    }
    const key = new URL(req.url ?? "/", "http://webhook").searchParams.get("key") ?? "";
    let content = "";
    try {
      content = String(JSON.parse(Buffer.concat(chunks).toString("utf8"))?.markdown?.content ?? "");
    } catch {
      // not JSON: shown as nothing, answered below like any request
    }
    const behaviour = behave(n);
    const show = () => {
      hub.shown.push({ key, content, at: Date.now() });
      // An answer that never finishes reaching the sender leaves it not knowing the message was shown.
      let answered = false;
      res.once("finish", () => {
        answered = true;
      });
      res.once("close", () => {
        if (!answered) hub.shownUnanswered++;
      });
    };
    switch (behaviour.kind) {
      case "ok":
        show();
        return json(res, { errcode: 0, errmsg: "ok" });
      case "slow":
        show();
        await new Promise((r) => setTimeout(r, behaviour.ms));
        if (!res.destroyed) json(res, { errcode: 0, errmsg: "ok" });
        return;
      case "http500":
        res.writeHead(500).end("internal error");
        return;
      case "errcode45009":
        return json(res, { errcode: 45009, errmsg: "api freq out of limit" });
      case "dropBefore":
        req.socket.destroy();
        return;
      case "dropAfter":
        show();
        req.socket.destroy();
        return;
      case "hang":
        show();
        return;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hub.url = `http://127.0.0.1:${port}`;
  hub.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hub;
}
