// Which WeCom integrations the configuration switches on, and their callback keys.
import type { Env } from "../config/env.js";
import type { CallbackKeys } from "../wecom/crypto.js";
import type { LongConnConfig } from "../wecom/longconn/channel.js";

export interface WecomIntegrations {
  bot?: CallbackKeys;
  app?: CallbackKeys & { corpId: string; agentId: string; secret: string };
  /** the intelligent bot over the long connection: planbot dials out, no callback URL */
  longConnection?: LongConnConfig;
}

export function wecomIntegrations(env: Env): WecomIntegrations {
  const out: WecomIntegrations = {};
  if (env.WECOM_BOT_TOKEN && env.WECOM_BOT_AES_KEY) {
    // The intelligent bot's ciphertexts carry an empty receive id.
    out.bot = { token: env.WECOM_BOT_TOKEN, aesKey: env.WECOM_BOT_AES_KEY, receiveId: "" };
  }
  if (env.WECOM_CORP_ID && env.WECOM_APP_TOKEN && env.WECOM_APP_AES_KEY && env.WECOM_APP_SECRET && env.WECOM_AGENT_ID) {
    out.app = {
      token: env.WECOM_APP_TOKEN,
      aesKey: env.WECOM_APP_AES_KEY,
      receiveId: env.WECOM_CORP_ID,
      corpId: env.WECOM_CORP_ID,
      agentId: env.WECOM_AGENT_ID,
      secret: env.WECOM_APP_SECRET,
    };
  }
  if (env.WECOM_BOT_ID && env.WECOM_BOT_SECRET) {
    out.longConnection = { botId: env.WECOM_BOT_ID, secret: env.WECOM_BOT_SECRET, wsUrl: env.WECOM_BOT_WS_URL };
  }
  return out;
}
