import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "../src/config/env.js";

describe("config", () => {
  it("runs in local mode with defaults", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.WECOM_BOT_TOKEN).toBeUndefined();
  });
  it("lists every problem at once", () => {
    expect(() => loadEnv({ PORT: "abc", WECOM_BOT_TOKEN: "x", WECOM_APP_AES_KEY: "short" })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: "abc", WECOM_BOT_TOKEN: "x", WECOM_APP_AES_KEY: "short" });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain("PORT");
      expect(msg).toContain("intelligent bot is half configured");
      expect(msg).toContain("self-built app is half configured");
    }
  });
  it("switches the long connection on with a bot id and secret, and names what is missing", () => {
    const env = loadEnv({ WECOM_BOT_ID: "aib1", WECOM_BOT_SECRET: "s" });
    expect(env.WECOM_BOT_WS_URL).toBe("wss://openws.work.weixin.qq.com");
    expect(() => loadEnv({ WECOM_BOT_ID: "aib1" })).toThrow(
      /long connection\) is half configured: missing WECOM_BOT_SECRET/,
    );
    expect(() => loadEnv({ WECOM_BOT_ID: "a", WECOM_BOT_SECRET: "s", WECOM_BOT_WS_URL: "http://x" })).toThrow(
      /WECOM_BOT_WS_URL: must be a ws/,
    );
  });
});
