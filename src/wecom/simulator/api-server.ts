// Plays WeCom's server-side API on 127.0.0.1 (gettoken, app message send, group robot webhook, bot response_url),
// enforcing the protocol's limits and recording every request so tests can assert on it and people can read it.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSimulatedOAuth, type SimulatedPerson } from "./oauth.js";

export type SimulatedRoute = "gettoken" | "message" | "webhook" | "response" | "getuserinfo";

export type SimulatedFault =
  | { kind: "http500" }
  /** the connection is cut without an answer, before the request is acted on */
  | { kind: "drop" }
  /** the request is acted on (delivered, if valid), then the connection is cut before the answer */
  | { kind: "dropAfterAccept" }
  /** the request is acted on and answered after `ms` */
  | { kind: "slow"; ms: number }
  /** HTTP 200 with this errcode */
  | { kind: "errcode"; errcode: number; errmsg?: string };

export interface WecomSimulatorApiOptions {
  host?: string;
  /** 0 (default) = any free port */
  port?: number;
  /** corps whose apps may ask for tokens and send messages */
  corps?: Array<{ corpId: string; corpSecret: string; agentId: string }>;
  /** access_token lifetime; 7200 like WeCom unless a test wants it short */
  tokenTtlSeconds?: number;
  /** group robots: webhook key → chat name shown in transcripts; other keys get errcode 93000 */
  robots?: Record<string, string>;
  /** demo mode: an unknown key becomes a new robot (named 群机器人N) instead of errcode 93000 */
  acceptUnknownRobots?: boolean;
  /** accepted webhook messages per key per window; WeCom: 20 a minute */
  webhookRateLimit?: { limit: number; windowMs: number };
  /** UTF-8 byte limit of a robot's markdown content; WeCom: 4096 */
  maxMarkdownBytes?: number;
  /** UTF-8 byte limit of an app message's markdown content; WeCom: 2048 */
  maxAppMarkdownBytes?: number;
  now?: () => number;
  /** sign-in: who WeCom says is signed in (pages send them straight back); without it the pages ask */
  oauthUser?: string;
  /** sign-in: people offered on the simulated login page */
  oauthPeople?: readonly SimulatedPerson[];
  /** sign-in: userids that are not corp members (getuserinfo answers with an openid) */
  oauthOutsiders?: readonly string[];
  /** called for every request once it is answered (planbot simulate prints from here) */
  onRecord?: (record: ReceivedRequest) => void;
  /** a fault for a request when none was injected (the fault suite draws them at random); undefined = none */
  faultFor?: (route: SimulatedRoute) => SimulatedFault | undefined;
}

export interface ReceivedRequest {
  seq: number;
  at: number;
  route: SimulatedRoute | "unknown";
  method: string;
  /** query parameters as sent (the simulator's own fake secrets included) */
  query: Record<string, string>;
  /** parsed JSON body, or the raw text when it was not JSON */
  body: unknown;
  status: number;
  /** errcode answered, null for a dropped connection or HTTP error */
  errcode: number | null;
  /** true when WeCom would have delivered it */
  accepted: boolean;
  /** webhook: the chat name of the robot; message: the touser */
  to?: string;
  /** the markdown or text a chat would display */
  content?: string;
  /** message/send: an identical request within its duplicate_check_interval, answered ok and not delivered */
  duplicate?: boolean;
}

export interface WecomSimulatorApi {
  url: string;
  received: ReceivedRequest[];
  /** accepted webhook messages, optionally of one chat */
  chatMessages(chatName?: string): ReceivedRequest[];
  /** accepted app messages */
  appMessages(): ReceivedRequest[];
  /** the next `times` requests to `route` fail this way */
  injectFault(route: SimulatedRoute, fault: SimulatedFault, times?: number): void;
  /** every token issued so far answers 42001 (expired) from now on */
  expireTokens(): void;
  /** every token issued so far answers 40014 (invalid) from now on */
  revokeTokens(): void;
  addRobot(key: string, chatName: string): void;
  /** who the sign-in pages say is signed in to WeCom (undefined: they show a form asking) */
  signInAs(userid: string | undefined): void;
  /** a one-use response_url, as WeCom puts in an intelligent bot callback */
  newResponseUrl(): string;
  /** what the chats would display, oldest first */
  transcript(): string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

interface IssuedToken {
  corpId: string;
  expiresAt: number;
  state: "ok" | "expired" | "revoked";
}

export async function startWecomSimulatorApi(options: WecomSimulatorApiOptions = {}): Promise<WecomSimulatorApi> {
  const now = options.now ?? (() => Date.now());
  const maxBytes = options.maxMarkdownBytes ?? 4096;
  const maxAppBytes = options.maxAppMarkdownBytes ?? 2048;
  const rate = options.webhookRateLimit ?? { limit: 20, windowMs: 60_000 };
  const ttlSeconds = options.tokenTtlSeconds ?? 7200;
  const corps = options.corps ?? [];
  const robots = new Map(Object.entries(options.robots ?? {}));
  const tokens = new Map<string, IssuedToken>();
  const responseCodes = new Map<string, "open" | "used">();
  const acceptedAtByKey = new Map<string, number[]>();
  /** message/send with enable_duplicate_check: the request's JSON → when it was last delivered */
  const deliveredAppRequests = new Map<string, number>();
  const faults = new Map<SimulatedRoute, Array<{ fault: SimulatedFault; remaining: number }>>();
  const received: ReceivedRequest[] = [];
  let seq = 0;
  const oauth = createSimulatedOAuth({
    corps,
    signedInAs: options.oauthUser,
    people: options.oauthPeople,
    outsiders: options.oauthOutsiders,
    now,
  });

  const takeFault = (route: SimulatedRoute): SimulatedFault | undefined => {
    const queue = faults.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  };

  type Outcome = Pick<ReceivedRequest, "errcode" | "accepted" | "to" | "content" | "duplicate"> & {
    status?: number;
    json?: Record<string, unknown>;
  };
  const fail = (errcode: number, errmsg: string, extra: Partial<Outcome> = {}): Outcome => ({
    errcode,
    accepted: false,
    json: { errcode, errmsg },
    ...extra,
  });
  const ok = (extra: Partial<Outcome> & { json?: Record<string, unknown> } = {}): Outcome => ({
    errcode: 0,
    accepted: true,
    ...extra,
    json: { errcode: 0, errmsg: "ok", ...extra.json },
  });

  const contentOf = (body: unknown): { msgtype: string; content: string } | undefined => {
    if (typeof body !== "object" || body === null) return undefined;
    const b = body as Record<string, unknown>;
    const msgtype = typeof b.msgtype === "string" ? b.msgtype : "";
    const inner = b[msgtype];
    if (typeof inner !== "object" || inner === null) return undefined;
    const content = (inner as Record<string, unknown>).content;
    return typeof content === "string" ? { msgtype, content } : undefined;
  };

  /** Shared by webhook and app send: msgtype, emptiness and size, as WeCom checks them. */
  const checkContent = (body: unknown, markdownLimit = maxBytes): Outcome | { msgtype: string; content: string } => {
    const c = contentOf(body);
    if (!c || !["markdown", "text"].includes(c.msgtype)) return fail(40008, "invalid message type");
    if (c.content.trim() === "") return fail(44004, "empty content");
    const limit = c.msgtype === "text" ? 2048 : markdownLimit;
    if (Buffer.byteLength(c.content, "utf8") > limit) {
      return fail(40058, `${c.msgtype}.content exceed max length ${limit}`);
    }
    return c;
  };

  const handlers: Record<SimulatedRoute, (query: Record<string, string>, body: unknown) => Outcome> = {
    gettoken(query) {
      const corp = corps.find((c) => c.corpId === query.corpid);
      if (!corp) return fail(40013, "invalid corpid");
      if (corp.corpSecret !== query.corpsecret) return fail(40001, "invalid credential");
      const token = randomBytes(24).toString("hex");
      tokens.set(token, { corpId: corp.corpId, expiresAt: now() + ttlSeconds * 1000, state: "ok" });
      return ok({ json: { access_token: token, expires_in: ttlSeconds } });
    },
    getuserinfo(query) {
      const token = tokens.get(query.access_token ?? "");
      if (!token || token.state === "revoked") return fail(40014, "invalid access_token");
      if (token.state === "expired" || token.expiresAt <= now()) return fail(42001, "access_token expired");
      const answer = oauth.redeem(query.code ?? "", token.corpId);
      return answer.errcode === 0 ? ok({ json: answer }) : fail(Number(answer.errcode), String(answer.errmsg));
    },
    message(query, body) {
      const token = tokens.get(query.access_token ?? "");
      if (!token || token.state === "revoked") return fail(40014, "invalid access_token");
      if (token.state === "expired" || token.expiresAt <= now()) return fail(42001, "access_token expired");
      const corp = corps.find((c) => c.corpId === token.corpId);
      const b = (body ?? {}) as Record<string, unknown>;
      if (String(b.agentid ?? "") !== corp?.agentId) return fail(40056, "invalid agentid");
      if (typeof b.touser !== "string" || b.touser === "") return fail(40031, "invalid user list");
      const c = checkContent(body, maxAppBytes);
      if ("errcode" in c) return c;
      // WeCom drops a request identical to one delivered within duplicate_check_interval (default 1800 s) and
      // answers ok: that is what makes a retry after a lost answer safe.
      if (b.enable_duplicate_check === 1) {
        const same = JSON.stringify(body);
        const intervalMs = (typeof b.duplicate_check_interval === "number" ? b.duplicate_check_interval : 1800) * 1000;
        const last = deliveredAppRequests.get(same);
        if (last !== undefined && now() - last < intervalMs) {
          return { ...ok({ to: b.touser, json: { invaliduser: "" } }), accepted: false, duplicate: true };
        }
        deliveredAppRequests.set(same, now());
      }
      return ok({ to: b.touser, content: c.content, json: { invaliduser: "" } });
    },
    webhook(query, body) {
      const key = query.key ?? "";
      if (!robots.has(key) && options.acceptUnknownRobots && key !== "") robots.set(key, `群机器人${robots.size + 1}`);
      const chat = robots.get(key);
      if (chat === undefined) return fail(93000, "invalid webhook url");
      const accepted = (acceptedAtByKey.get(key) ?? []).filter((t) => t > now() - rate.windowMs);
      acceptedAtByKey.set(key, accepted);
      if (accepted.length >= rate.limit) return fail(45009, "api freq out of limit", { to: chat });
      const c = checkContent(body);
      if ("errcode" in c) return { ...c, to: chat };
      accepted.push(now());
      return ok({ to: chat, content: c.content });
    },
    response(query, body) {
      const code = query.response_code ?? "";
      if (responseCodes.get(code) !== "open") return fail(40058, "invalid response_code");
      const c = checkContent(body);
      if ("errcode" in c) return c;
      responseCodes.set(code, "used");
      return ok({ content: c.content });
    },
  };

  const routeOf = (method: string, path: string): SimulatedRoute | undefined => {
    if (method === "GET" && path === "/cgi-bin/gettoken") return "gettoken";
    if (method === "GET" && path === "/cgi-bin/auth/getuserinfo") return "getuserinfo";
    if (method === "POST" && path === "/cgi-bin/message/send") return "message";
    if (method === "POST" && path === "/cgi-bin/webhook/send") return "webhook";
    if (method === "POST" && path === "/cgi-bin/aibot/response") return "response";
    return undefined;
  };

  const record = (r: Omit<ReceivedRequest, "seq" | "at">) => {
    const full = { seq: ++seq, at: now(), ...r };
    received.push(full);
    options.onRecord?.(full);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://simulator");
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? "GET";
    // The browser-facing sign-in pages answer with redirects and HTML, not JSON.
    if (oauth.handlePage(req, res, url)) return;
    const route = routeOf(method, url.pathname);
    const raw = await readBody(req);
    if (raw === null) {
      res.writeHead(413).end();
      record({ route: route ?? "unknown", method, query, body: null, status: 413, errcode: null, accepted: false });
      return;
    }
    let body: unknown = raw;
    if (raw !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    if (!route) {
      res.writeHead(404).end();
      record({ route: "unknown", method, query, body, status: 404, errcode: null, accepted: false });
      return;
    }
    const fault = takeFault(route) ?? options.faultFor?.(route);
    if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === "drop") {
      req.socket.destroy();
      record({ route, method, query, body, status: 0, errcode: null, accepted: false });
      return;
    }
    if (fault?.kind === "http500") {
      res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
      record({ route, method, query, body, status: 500, errcode: null, accepted: false });
      return;
    }
    const outcome: Outcome =
      fault?.kind === "errcode"
        ? fail(fault.errcode, fault.errmsg ?? "injected fault")
        : method === "POST" && typeof body === "string"
          ? fail(40035, "invalid json")
          : handlers[route](query, body);
    if (fault?.kind === "dropAfterAccept") req.socket.destroy();
    else res.writeHead(outcome.status ?? 200, { "content-type": "application/json" }).end(JSON.stringify(outcome.json));
    record({
      route,
      method,
      query,
      body,
      status: fault?.kind === "dropAfterAccept" ? 0 : (outcome.status ?? 200),
      errcode: outcome.errcode,
      accepted: outcome.accepted,
      to: outcome.to,
      content: outcome.content,
      ...(outcome.duplicate ? { duplicate: true } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;

  return {
    url,
    received,
    chatMessages: (chatName) =>
      received.filter((r) => r.route === "webhook" && r.accepted && (chatName === undefined || r.to === chatName)),
    appMessages: () => received.filter((r) => r.route === "message" && r.accepted),
    injectFault(route, fault, times = 1) {
      if (times <= 0) return;
      const queue = faults.get(route) ?? [];
      queue.push({ fault, remaining: times });
      faults.set(route, queue);
    },
    expireTokens() {
      for (const t of tokens.values()) if (t.state === "ok") t.state = "expired";
    },
    revokeTokens() {
      for (const t of tokens.values()) t.state = "revoked";
    },
    addRobot(key, chatName) {
      robots.set(key, chatName);
    },
    signInAs(userid) {
      oauth.signInAs(userid);
    },
    newResponseUrl() {
      const code = randomBytes(16).toString("hex");
      responseCodes.set(code, "open");
      return `${url}/cgi-bin/aibot/response?response_code=${code}`;
    },
    transcript() {
      return received
        .filter((r) => r.accepted && r.content !== undefined)
        .map((r) => {
          const where =
            r.route === "webhook" ? `群聊「${r.to}」` : r.route === "message" ? `应用消息 → ${r.to}` : "智能机器人回复";
          return `── ${where} ${new Date(r.at).toISOString()}\n${r.content}`;
        })
        .join("\n\n");
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The body as text, or null when it is over the size limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
