// The local stand-in for WeCom's long-connection endpoint (wss://openws.work.weixin.qq.com): a WebSocket server on
// 127.0.0.1 that authenticates bots, answers pings, sends message and event callbacks with req_ids, acknowledges
// replies (or drops or delays the acknowledgements) and records every frame planbot sends.
import { createCipheriv, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";

/** A frame as planbot sends it: { cmd, headers: { req_id }, body }. */
const ClientFrame = z.object({
  cmd: z.string().max(64),
  headers: z.object({ req_id: z.string().min(1).max(512) }).loose(),
  body: z.unknown().optional(),
});
type ClientFrame = z.infer<typeof ClientFrame>;

/** One frame planbot sent after authenticating (a reply, a welcome, a card update, a push), as recorded. */
export interface RecordedFrame {
  cmd: string;
  reqId: string;
  // biome-ignore lint/suspicious/noExplicitAny: frames are recorded as sent; tests read the fields they pin
  body: any;
  /** the errcode acknowledged (or that would have been, for a dropped acknowledgement) */
  errcode: number;
  acked: boolean;
  /** when the frame arrived, and when its acknowledgement went out (ms since the epoch) */
  at: number;
  ackedAt?: number;
}

export interface SimulatedBot {
  botId: string;
  secret: string;
}

/** WeCom's answer to a reply whose req_id it does not know (seen in the wild; PROTOCOL.md). */
export const INVALID_REQ_ID = 846605;
/** The simulator's refusal of a bad bot id or secret (WeCom's code is not documented; any non-zero fails the SDK). */
export const AUTH_REFUSED = 40001;

export interface AckPolicy {
  /** do not acknowledge these frames at all (the SDK times out after 5 s) */
  drop?: (frame: RecordedFrame) => boolean;
  /** acknowledge after this many milliseconds */
  delayMs?: (frame: RecordedFrame) => number;
}

export interface LongConnSimulator {
  /** ws://127.0.0.1:PORT: give it to planbot as WECOM_BOT_WS_URL */
  url: string;
  /** every frame planbot sent after authenticating, in arrival order */
  frames: RecordedFrame[];
  /** `aibot_send_msg` pushes only */
  pushes(): RecordedFrame[];
  /** how many authentications succeeded so far (a reconnect adds one) */
  authentications(): number;
  /** sockets authenticated now */
  connected(): number;
  /** resolves once `count` authentications have happened in total */
  waitForAuthentications(count: number, timeoutMs?: number): Promise<void>;
  /** a user's text message; returns its req_id. `msgid` may repeat one (a redelivery). */
  sendText(text: string, o?: UserOptions & { msgid?: string }): string;
  /** any message callback body (file, image, mixed…); returns its req_id */
  sendMessage(body: Record<string, unknown>): string;
  /**
   * A file the user sends: served encrypted (AES-256-CBC with its own aeskey, as WeCom does) at a URL on this
   * server, with its name in Content-Disposition unless `filename` is null; returns the callback's req_id.
   */
  sendFile(content: Buffer, filename: string | null, o?: UserOptions): string;
  /** an event callback (enter_chat, template_card_event, feedback_event…); returns its req_id */
  sendEvent(eventtype: string, o?: UserOptions & { event?: Record<string, unknown>; msgid?: string }): string;
  /** the frames planbot sent for one req_id */
  repliesTo(reqId: string): RecordedFrame[];
  /** resolves with the frames for reqId once one matches `done` (default: a stream frame with finish: true) */
  waitForReply(reqId: string, done?: (f: RecordedFrame) => boolean, timeoutMs?: number): Promise<RecordedFrame[]>;
  /** resolves once a frame matching `match` has been recorded */
  waitForFrame(match: (f: RecordedFrame) => boolean, timeoutMs?: number): Promise<RecordedFrame>;
  /** drop every connection (as a network cut would); clients reconnect on their own */
  dropConnections(): void;
  /** how acknowledgements behave from now on */
  setAckPolicy(policy: AckPolicy): void;
  /** whether pings are answered (a silent server is what a dead connection looks like to the SDK) */
  answerPings(on: boolean): void;
  stop(): Promise<void>;
}

export interface UserOptions {
  userid?: string;
  /** a group chat id; without it the message is a direct (single) chat */
  chatid?: string;
}

export interface LongConnSimulatorOptions {
  bots: SimulatedBot[];
  port?: number;
  /** called with every frame planbot sends after authenticating, as it arrives (the bench times replies by it) */
  onFrame?: (frame: RecordedFrame) => void;
  /** keep frames in `frames` (default true); a long bench run turns it off and listens with onFrame */
  keepFrames?: boolean;
}

const newId = (prefix: string) => `${prefix}_${Date.now()}_${randomBytes(6).toString("hex")}`;

// A stream reply, alone or with a template card (stream_with_template_card)
const isFinalStream = (f: RecordedFrame) => f.body?.stream?.finish === true;

/** The commands that answer a callback and so must carry one of its req_ids. */
const REPLY_COMMANDS = new Set(["aibot_respond_msg", "aibot_respond_welcome_msg", "aibot_respond_update_msg"]);

/**
 * How WeCom encrypts a file in a message: AES-256-CBC, key = base64-decoded aeskey, iv = its first 16 bytes,
 * PKCS#7 padding to a multiple of 32 bytes (what the SDK's decryptFile undoes).
 */
function encryptMedia(plain: Buffer, aeskey: string): Buffer {
  const key = Buffer.from(aeskey, "base64");
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]);
}

export async function startLongConnSimulator(o: LongConnSimulatorOptions): Promise<LongConnSimulator> {
  /** media id → the encrypted bytes and the name they are served under */
  const media = new Map<string, { data: Buffer; filename: string | null }>();
  const http: Server = createServer((req, res) => {
    const found = /^\/media\/([a-f0-9]+)$/.exec(req.url ?? "");
    const item = found ? media.get(found[1] ?? "") : undefined;
    if (!item) {
      res.writeHead(req.url?.startsWith("/media/") ? 404 : 426).end();
      return;
    }
    const headers: Record<string, string> = { "content-type": "application/octet-stream" };
    if (item.filename)
      headers["content-disposition"] = `attachment; filename*=UTF-8''${encodeURIComponent(item.filename)}`;
    res.writeHead(200, headers).end(item.data);
  });
  const wss = new WebSocketServer({ server: http });
  const frames: RecordedFrame[] = [];
  /** the authenticated socket of each bot: WeCom keeps one connection per bot and closes the older one */
  const holder = new Map<string, WebSocket>();
  /** req_id → bot id of the callbacks sent, so that a reply to an unknown req_id is refused */
  const callbacks = new Map<string, string>();
  let authentications = 0;
  let policy: AckPolicy = {};
  let pingReplies = true;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  function waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`long-connection simulator: timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  const ack = (ws: WebSocket, reqId: string, errcode: number, errmsg = errcode === 0 ? "ok" : "error") => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
  };

  function authenticate(ws: WebSocket, frame: ClientFrame): string | undefined {
    const body = z.object({ bot_id: z.string(), secret: z.string() }).safeParse(frame.body);
    const bot = body.success ? o.bots.find((b) => b.botId === body.data.bot_id) : undefined;
    if (!bot || !body.success || body.data.secret !== bot.secret) {
      ack(ws, frame.headers.req_id, AUTH_REFUSED, "invalid bot_id or secret");
      return undefined;
    }
    const older = holder.get(bot.botId);
    if (older && older !== ws) {
      // What WeCom does when a second connection subscribes: tell the older one, then close it.
      older.send(
        JSON.stringify({
          cmd: "aibot_event_callback",
          headers: { req_id: newId("event") },
          body: eventBody(bot.botId, "disconnected_event", {}),
        }),
      );
      older.close(1000, "replaced by a new connection");
    }
    holder.set(bot.botId, ws);
    authentications += 1;
    ack(ws, frame.headers.req_id, 0);
    notify();
    return bot.botId;
  }

  function record(ws: WebSocket, botId: string, frame: ClientFrame): void {
    const reqId = frame.headers.req_id;
    const valid = !REPLY_COMMANDS.has(frame.cmd) || callbacks.get(reqId) === botId;
    const entry: RecordedFrame = {
      cmd: frame.cmd,
      reqId,
      body: frame.body,
      errcode: valid ? 0 : INVALID_REQ_ID,
      acked: false,
      at: Date.now(),
    };
    if (o.keepFrames !== false) frames.push(entry);
    o.onFrame?.(entry);
    notify();
    if (policy.drop?.(entry)) return;
    const send = () => {
      entry.acked = true;
      entry.ackedAt = Date.now();
      ack(ws, reqId, entry.errcode, valid ? "ok" : "invalid req_id");
      notify();
    };
    const delay = policy.delayMs?.(entry) ?? 0;
    if (delay > 0) setTimeout(send, delay).unref();
    else send();
  }

  wss.on("connection", (ws) => {
    let botId: string | undefined;
    ws.on("message", (data) => {
      let parsed: ClientFrame;
      try {
        parsed = ClientFrame.parse(JSON.parse(String(data)));
      } catch {
        ws.close(1002, "malformed frame");
        return;
      }
      if (parsed.cmd === "aibot_subscribe") {
        botId = authenticate(ws, parsed) ?? botId;
        return;
      }
      if (botId === undefined || holder.get(botId) !== ws) {
        ack(ws, parsed.headers.req_id, AUTH_REFUSED, "not subscribed");
        return;
      }
      if (parsed.cmd === "ping") {
        if (pingReplies) ack(ws, parsed.headers.req_id, 0);
      } else record(ws, botId, parsed);
    });
    ws.on("close", () => {
      if (botId !== undefined && holder.get(botId) === ws) holder.delete(botId);
    });
  });

  await new Promise<void>((resolve) => http.listen(o.port ?? 0, "127.0.0.1", resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;

  function eventBody(botId: string, eventtype: string, u: UserOptions & { event?: Record<string, unknown> }) {
    return {
      msgid: newId("evt"),
      create_time: Math.floor(Date.now() / 1000),
      aibotid: botId,
      ...(u.chatid ? { chatid: u.chatid, chattype: "group" } : { chattype: "single" }),
      from: { userid: u.userid ?? "demo-user" },
      msgtype: "event",
      event: { eventtype, ...u.event },
    };
  }

  /** The one bot with a live connection (tests run one bot per simulator). */
  function liveBot(): [string, WebSocket] {
    const first = [...holder.entries()][0];
    if (!first) throw new Error("long-connection simulator: no bot is connected");
    return first;
  }

  function push(cmd: string, body: Record<string, unknown>): string {
    const [botId, ws] = liveBot();
    const reqId = newId(cmd);
    callbacks.set(reqId, botId);
    ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body: { aibotid: botId, ...body } }));
    return reqId;
  }

  return {
    url,
    frames,
    pushes: () => frames.filter((f) => f.cmd === "aibot_send_msg"),
    authentications: () => authentications,
    connected: () => holder.size,
    waitForAuthentications: (count, timeoutMs = 10_000) =>
      waitUntil(() => (authentications >= count ? true : undefined), timeoutMs, `${count} authentications`).then(
        () => {},
      ),
    sendText(text, u = {}) {
      return push("aibot_msg_callback", {
        msgid: u.msgid ?? newId("msg"),
        create_time: Math.floor(Date.now() / 1000),
        ...(u.chatid ? { chatid: u.chatid, chattype: "group" } : { chattype: "single" }),
        from: { userid: u.userid ?? "demo-user" },
        msgtype: "text",
        text: { content: text },
      });
    },
    sendMessage: (body) => push("aibot_msg_callback", { msgid: newId("msg"), chattype: "single", ...body }),
    sendFile(content, filename, u = {}) {
      const aeskey = randomBytes(32).toString("base64");
      const id = randomBytes(8).toString("hex");
      media.set(id, { data: encryptMedia(content, aeskey), filename });
      return push("aibot_msg_callback", {
        msgid: newId("msg"),
        ...(u.chatid ? { chatid: u.chatid, chattype: "group" } : { chattype: "single" }),
        from: { userid: u.userid ?? "demo-user" },
        msgtype: "file",
        file: { url: `${url.replace(/^ws/, "http")}/media/${id}`, aeskey },
      });
    },
    sendEvent(eventtype, u = {}) {
      const [botId] = liveBot();
      const body = eventBody(botId, eventtype, u);
      return push("aibot_event_callback", u.msgid ? { ...body, msgid: u.msgid } : body);
    },
    repliesTo: (reqId) => frames.filter((f) => f.reqId === reqId),
    waitForReply(reqId, done = isFinalStream, timeoutMs = 10_000) {
      return waitUntil(
        () => {
          const mine = frames.filter((f) => f.reqId === reqId);
          return mine.some(done) ? mine : undefined;
        },
        timeoutMs,
        `a reply to ${reqId}`,
      );
    },
    waitForFrame: (match, timeoutMs = 10_000) => waitUntil(() => frames.find(match), timeoutMs, "a frame"),
    dropConnections() {
      for (const ws of wss.clients) ws.terminate();
    },
    setAckPolicy(p) {
      policy = p;
    },
    answerPings(on) {
      pingReplies = on;
    },
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
