// planbot simulate: ask questions "in WeCom" without a WeCom account. Plays WeCom against a planbot service
// (a running one with --url, or one started here with fresh simulated keys and the WeCom API simulator).
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { z } from "zod";
import { type Env, loadEnv } from "../../config/env.js";
import { wecomIntegrations } from "../../http/wecom-integrations.js";
import { logger } from "../../log.js";
import type { ReceivedRequest } from "../../wecom/simulator/api-server.js";
import { renderAnswer, renderQuestion } from "../../wecom/simulator/chat-view.js";
import { startLocalWecom } from "../../wecom/simulator/local-wecom.js";
import type { LongConnSimulator } from "../../wecom/simulator/longconn-server.js";
import { createCallbackSimulator, type WecomCallbackSimulator } from "../../wecom/simulator/wecom-client.js";

const AskOptions = z.object({
  url: z.string().url().optional(),
  app: z.boolean().default(false),
  direct: z.boolean().default(false),
  user: z.string().min(1).default("demo-user"),
  chat: z.string().min(1).default("演示群"),
  bot: z.string().min(1).default("planbot"),
  longConnection: z.boolean().default(false),
});
type AskOptions = z.infer<typeof AskOptions>;

const out = (text: string) => process.stdout.write(`${text}\n`);

/** The chat view is the output here: service logs only when something goes wrong (LOG_LEVEL overrides). */
function quietLogs(): void {
  if (!process.env.LOG_LEVEL) logger.level = "warn";
}

/** One question over the long connection: the simulator plays WeCom's side of the WebSocket. */
async function askOverLongConnection(longConn: LongConnSimulator, question: string, o: AskOptions): Promise<boolean> {
  const where = o.direct ? "单聊（长连接）" : `${o.chat}（长连接）`;
  out(renderQuestion(where, o.user, o.direct ? question : `@${o.bot} ${question}`));
  const reqId = longConn.sendText(o.direct ? question : `@${o.bot}\u2005${question}`, {
    userid: o.user,
    ...(o.direct ? {} : { chatid: o.chat }),
  });
  const frames = await longConn.waitForReply(reqId);
  const final = frames.find((f) => f.body?.stream?.finish === true);
  const refused = frames.filter((f) => f.errcode !== 0).map((f) => `errcode ${f.errcode} for ${f.cmd}`);
  out(renderAnswer(o.bot, String(final?.body?.stream?.content ?? "（无回复）"), refused));
  return refused.length === 0;
}

/** One question through the chosen route, printed as the chat would show it. */
async function askAndShow(
  sim: WecomCallbackSimulator,
  question: string,
  o: AskOptions,
  longConn?: LongConnSimulator,
): Promise<boolean> {
  if (o.longConnection && longConn && !o.app) return askOverLongConnection(longConn, question, o);
  if (o.app) {
    out(renderQuestion("应用消息", o.user, question));
    const ex = await sim.askApp(question, { userid: o.user });
    out(renderAnswer(o.bot, ex.replyText ?? "（无被动回复：答案将通过应用消息主动发送）", ex.problems));
    return ex.problems.length === 0;
  }
  const where = o.direct ? "单聊" : o.chat;
  out(renderQuestion(where, o.user, o.direct ? question : `@${o.bot} ${question}`));
  const conv = await sim.askBot(question, { userid: o.user, chatid: o.direct ? undefined : o.chat, botName: o.bot });
  out(renderAnswer(o.bot, conv.answer || "（无回复）", conv.problems));
  return conv.problems.length === 0;
}

function simulatorFor(url: string, env: Env): WecomCallbackSimulator {
  const wecom = wecomIntegrations(env);
  if (!wecom.bot && !wecom.app) {
    throw new Error("--url needs the service's WeCom keys in this environment (.env): WECOM_BOT_* and/or WECOM_APP_*");
  }
  return createCallbackSimulator({
    baseUrl: url,
    bot: wecom.bot && { token: wecom.bot.token, aesKey: wecom.bot.aesKey },
    app: wecom.app && {
      corpId: wecom.app.corpId,
      token: wecom.app.token,
      aesKey: wecom.app.aesKey,
      agentId: wecom.app.agentId,
    },
  });
}

function showApiRecord(r: ReceivedRequest): void {
  if (r.route === "message" && r.accepted) out(renderAnswer(`planbot → ${r.to}（应用消息）`, r.content ?? ""));
  if (r.route === "webhook" && r.accepted) out(renderAnswer(`群机器人 → ${r.to}`, r.content ?? ""));
  if (!r.accepted && r.route !== "gettoken")
    out(`  ⚠ WeCom API simulator refused a ${r.route} call (errcode ${r.errcode})`);
}

function addAskOptions(cmd: Command): Command {
  return cmd
    .option("--app", "send as a self-built app message instead of an intelligent bot @mention")
    .option("--direct", "ask the intelligent bot in a direct chat instead of a group")
    .option("--user <userid>", "the WeCom userid asking (progress commands check it)", "demo-user")
    .option("--chat <chatid>", "the group chat id", "演示群")
    .option("--bot <name>", "the bot's display name in the @mention", "planbot")
    .option("--long-connection", "play the intelligent bot's user over the long connection (WebSocket) instead");
}

export function registerSimulate(program: Command): void {
  const simulate = program
    .command("simulate")
    .description('Ask questions "in WeCom" without a WeCom account: plays WeCom against planbot on 127.0.0.1');

  addAskOptions(
    simulate
      .command("chat", { isDefault: true })
      .description("start planbot with simulated WeCom keys and chat with it interactively")
      .option("--port <port>", "port for the planbot service (default: any free port)", "0"),
  ).action(async (raw: Record<string, unknown>) => {
    quietLogs();
    const o = AskOptions.parse(raw);
    const port = z.coerce.number().int().min(0).max(65535).parse(raw.port);
    const local = await startLocalWecom(loadEnv(), {
      port,
      onApiRecord: showApiRecord,
      longConnection: o.longConnection,
    });
    out(
      `planbot is running at ${local.server.url} (dashboard: ${local.server.url}/, signed in through the simulated WeCom login), WeCom API simulator at ${local.api.url}`,
    );
    if (local.longConn) {
      await local.longConn.waitForAuthentications(1);
      out(`planbot dialled the long-connection simulator at ${local.longConn.url} and authenticated`);
    }
    out(
      "Type a question and press Enter. Prefix with /app for an app message, /dm for a direct chat; /quit to leave.\n",
    );
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    try {
      for await (const line of rl) {
        const text = line.trim();
        if (text === "/quit" || text === "/exit") break;
        if (text === "") continue;
        const route = text.startsWith("/app ") ? "app" : text.startsWith("/dm ") ? "dm" : "group";
        const question = route === "group" ? text : text.slice(text.indexOf(" ") + 1).trim();
        await askAndShow(local.sim, question, { ...o, app: route === "app", direct: route === "dm" }, local.longConn);
        // Give an active send a moment to arrive and be printed by the API simulator.
        if (route === "app") await new Promise((r) => setTimeout(r, 300));
      }
    } finally {
      rl.close();
      await local.stop();
    }
  });

  addAskOptions(
    simulate
      .command("ask <question...>")
      .description("ask one question and print what the chat would display")
      .option("--url <url>", "a running planbot (its WeCom keys must be in this environment); default: start one here"),
  ).action(async (words: string[], raw: Record<string, unknown>) => {
    quietLogs();
    const o = AskOptions.parse(raw);
    const question = words.join(" ");
    if (o.url) {
      const ok = await askAndShow(simulatorFor(o.url, loadEnv()), question, o);
      if (!ok) process.exitCode = 1;
      return;
    }
    const local = await startLocalWecom(loadEnv(), { onApiRecord: showApiRecord, longConnection: o.longConnection });
    try {
      await local.longConn?.waitForAuthentications(1);
      if (!(await askAndShow(local.sim, question, o, local.longConn))) process.exitCode = 1;
    } finally {
      await local.stop();
    }
  });

  simulate
    .command("verify")
    .description("run WeCom's URL verification against a running planbot (keys from this environment)")
    .requiredOption("--url <url>", "the running planbot")
    .action(async (raw: { url: string }) => {
      const sim = simulatorFor(raw.url, loadEnv());
      const env = wecomIntegrations(loadEnv());
      for (const route of ["bot", "app"] as const) {
        if (!env[route]) continue;
        const r = await sim.verifyUrl(route);
        out(`/wecom/${route}: ${r.ok ? "verified" : `FAILED (HTTP ${r.http.status})`}`);
        if (!r.ok) process.exitCode = 1;
      }
    });
}
