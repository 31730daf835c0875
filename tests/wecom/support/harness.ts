// Starts a real planbot server on 127.0.0.1:0 with fresh simulated WeCom credentials, a temp SQLite file and
// the fixture plan, plus the simulator that plays WeCom against it.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeReply } from "../../../src/answer/compose-reply.js";
import type { IncomingMessage, MessageHandler } from "../../../src/chat/message.js";
import { loadEnv } from "../../../src/config/env.js";
import { type RunningServer, type ServerOptions, startServer } from "../../../src/http/server.js";
import { openRuntime, type Runtime } from "../../../src/runtime.js";
import { credentialsEnv, newCredentials, type SimulatedCredentials } from "../../../src/wecom/simulator/credentials.js";
import { createCallbackSimulator, type WecomCallbackSimulator } from "../../../src/wecom/simulator/wecom-client.js";

export const FIXTURE_KNOWLEDGE = new URL("../../fixtures/wecom/knowledge", import.meta.url).pathname;

export interface Harness {
  dir: string;
  dbFile: string;
  creds: SimulatedCredentials;
  runtime: Runtime;
  server: RunningServer;
  sim: WecomCallbackSimulator;
  /** stops the server and closes the runtime, keeping the data dir (for restart tests) */
  stop(): Promise<void>;
  /** stop() and delete the data dir */
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  /** false: no WeCom keys (local mode) */
  wecom?: boolean;
  env?: Record<string, string>;
  server?: ServerOptions;
  /** reuse a data dir and credentials (restart) */
  dir?: string;
  creds?: SimulatedCredentials;
  appTimeoutMs?: number;
  streamPollMs?: number;
  /** wraps the runtime's real message handler (to count or slow down calls) */
  wrapHandler?: (real: MessageHandler) => MessageHandler;
}

/** Counts calls to the real handler and can hold each answer back for a while. */
export function countingHandler(delayMs = 0) {
  const calls: IncomingMessage[] = [];
  const wrap =
    (real: MessageHandler): MessageHandler =>
    async (msg, options) => {
      calls.push(msg);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      return real(msg, options);
    };
  return { calls, wrap };
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), "planbot-wecom-"));
  const dbFile = join(dir, "planbot.sqlite");
  const creds = o.creds ?? newCredentials();
  const env = loadEnv({
    PLANBOT_KNOWLEDGE: FIXTURE_KNOWLEDGE,
    PLANBOT_DB: dbFile,
    // Nothing listens here: an active send in a test that did not expect one fails loudly.
    WECOM_API_BASE: "http://127.0.0.1:9",
    ...(o.wecom === false ? {} : credentialsEnv(creds)),
    ...o.env,
  });
  const runtime = openRuntime(env);
  if (o.wrapHandler) runtime.handleMessage = o.wrapHandler(runtime.handleMessage);
  // In-process unless a test asks for the worker: wrapHandler and runtime tweaks only reach this thread.
  const server = await startServer(runtime, { host: "127.0.0.1", port: 0 }, { botWorker: false, ...o.server });
  const sim = createCallbackSimulator({
    baseUrl: server.url,
    bot: creds.bot,
    app: creds.app,
    appTimeoutMs: o.appTimeoutMs,
    streamPollMs: o.streamPollMs,
  });
  const stop = async () => {
    await server.close();
    runtime.close();
  };
  return {
    dir,
    dbFile,
    creds,
    runtime,
    server,
    sim,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the answering core itself says to a question: the text a chat reply must carry. */
export function coreAnswer(h: Pick<Harness, "runtime">, question: string): string {
  return composeReply(h.runtime.answerer.answer(question, h.runtime.answerContext()));
}
