// Fresh, valid-looking WeCom credentials for a simulated setup (nothing here is a real secret).
import { randomBytes } from "node:crypto";

export interface SimulatedCredentials {
  bot: { token: string; aesKey: string };
  app: { corpId: string; token: string; aesKey: string; secret: string; agentId: string };
  /** the intelligent bot's Bot ID and Secret for the long connection */
  longConn: { botId: string; secret: string };
}

/** A 43-character EncodingAESKey of letters and digits (what WeCom's console generates). */
export function newAesKey(): string {
  for (;;) {
    const candidate = randomBytes(32).toString("base64").slice(0, 43);
    if (/^[A-Za-z0-9]{43}$/.test(candidate)) return candidate;
  }
}

const alnum = (n: number) => randomBytes(n).toString("hex").slice(0, n);

export function newCredentials(): SimulatedCredentials {
  return {
    bot: { token: `bt${alnum(14)}`, aesKey: newAesKey() },
    app: {
      corpId: `ww${alnum(16)}`,
      token: `at${alnum(14)}`,
      aesKey: newAesKey(),
      secret: alnum(40),
      agentId: String(1_000_000 + randomBytes(2).readUInt16BE()),
    },
    longConn: { botId: `aib${alnum(20)}`, secret: alnum(43) },
  };
}

/** The same credentials as the environment variables planbot reads. */
export function credentialsEnv(c: SimulatedCredentials): Record<string, string> {
  return {
    WECOM_BOT_TOKEN: c.bot.token,
    WECOM_BOT_AES_KEY: c.bot.aesKey,
    WECOM_CORP_ID: c.app.corpId,
    WECOM_APP_TOKEN: c.app.token,
    WECOM_APP_AES_KEY: c.app.aesKey,
    WECOM_APP_SECRET: c.app.secret,
    WECOM_AGENT_ID: c.app.agentId,
  };
}
