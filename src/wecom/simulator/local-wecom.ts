// A complete local WeCom: planbot started with fresh simulated credentials, pointed at the WeCom API simulator,
// and the callback simulator that plays WeCom against it. Used by `planbot simulate` and tests alike.

import { loadReporters } from "../../auth/reporters.js";
import type { Env } from "../../config/env.js";
import { type RunningServer, startServer } from "../../http/server.js";
import { openRuntime, type Runtime } from "../../runtime.js";
import { type ReceivedRequest, startWecomSimulatorApi, type WecomSimulatorApi } from "./api-server.js";
import { newCredentials, type SimulatedCredentials } from "./credentials.js";
import { type LongConnSimulator, startLongConnSimulator } from "./longconn-server.js";
import { createCallbackSimulator, type WecomCallbackSimulator } from "./wecom-client.js";

export interface LocalWecom {
  creds: SimulatedCredentials;
  runtime: Runtime;
  server: RunningServer;
  api: WecomSimulatorApi;
  sim: WecomCallbackSimulator;
  /** the long-connection endpoint planbot dialled, when asked for */
  longConn?: LongConnSimulator;
  stop(): Promise<void>;
}

export async function startLocalWecom(
  base: Env,
  o: {
    host?: string;
    port?: number;
    onApiRecord?: (r: ReceivedRequest) => void;
    /** who the simulated WeCom says is signed in when the dashboard asks; without it, its login page asks */
    signedInAs?: string;
    /** also switch on the intelligent bot's long connection, dialling a local simulator */
    longConnection?: boolean;
  } = {},
): Promise<LocalWecom> {
  const creds = newCredentials();
  const longConn = o.longConnection
    ? await startLongConnSimulator({ bots: [{ botId: creds.longConn.botId, secret: creds.longConn.secret }] })
    : undefined;
  const knowledgeReporters = `${base.PLANBOT_KNOWLEDGE}/reporters.yaml`;
  const api = await startWecomSimulatorApi({
    corps: [{ corpId: creds.app.corpId, corpSecret: creds.app.secret, agentId: creds.app.agentId }],
    onRecord: o.onApiRecord,
    oauthUser: o.signedInAs,
    // The login page offers the people of the reporters file, so a demo can sign in as a viewer, reporter or admin.
    oauthPeople: loadReporters(base.PLANBOT_REPORTERS, knowledgeReporters).reporters.map((r) => ({
      userid: r.userid,
      name: r.name,
    })),
  });
  const env: Env = {
    ...base,
    WECOM_BOT_TOKEN: creds.bot.token,
    WECOM_BOT_AES_KEY: creds.bot.aesKey,
    WECOM_CORP_ID: creds.app.corpId,
    WECOM_APP_TOKEN: creds.app.token,
    WECOM_APP_AES_KEY: creds.app.aesKey,
    WECOM_APP_SECRET: creds.app.secret,
    WECOM_AGENT_ID: creds.app.agentId,
    WECOM_API_BASE: api.url,
    WECOM_OAUTH_BASE: api.url,
    WECOM_LOGIN_BASE: api.url,
    ...(longConn
      ? { WECOM_BOT_ID: creds.longConn.botId, WECOM_BOT_SECRET: creds.longConn.secret, WECOM_BOT_WS_URL: longConn.url }
      : {}),
  };
  const runtime = openRuntime(env);
  const server = await startServer(runtime, { host: o.host ?? "127.0.0.1", port: o.port ?? 0 });
  const sim = createCallbackSimulator({ baseUrl: server.url, bot: creds.bot, app: creds.app });
  return {
    creds,
    runtime,
    server,
    api,
    sim,
    ...(longConn ? { longConn } : {}),
    stop: async () => {
      await server.close();
      runtime.close();
      await api.stop();
      await longConn?.stop();
    },
  };
}
