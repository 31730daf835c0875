// Which interface counts as loopback (open local mode) and where sign-in may send the browser afterwards.
import { describe, expect, it } from "vitest";
import { loadEnv } from "../../src/config/env.js";
import { accessMode, isLoopback } from "../../src/http/access/mode.js";
import { safeNext } from "../../src/http/routes/auth.js";

describe("access mode", () => {
  it("treats only this machine's addresses as loopback", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.gov.cn", "128.0.0.1"]) {
      expect(isLoopback(host), host).toBe(false);
    }
  });

  it("is closed with any WeCom channel, whatever the interface", () => {
    const bot = loadEnv({ WECOM_BOT_TOKEN: "t", WECOM_BOT_AES_KEY: "A".repeat(43) });
    expect(accessMode(bot, "127.0.0.1")).toBe("closed");
    expect(accessMode(bot, "0.0.0.0")).toBe("closed");
    expect(accessMode(loadEnv({}), "127.0.0.1")).toBe("open-local");
    expect(() => accessMode(loadEnv({}), "0.0.0.0")).toThrow(/HOST=0\.0\.0\.0/);
    expect(accessMode(loadEnv({ PLANBOT_OPEN_DASHBOARD: "true" }), "0.0.0.0")).toBe("open-public");
  });
});

describe("after sign-in", () => {
  it("goes only to a path on this site", () => {
    expect(safeNext("/tasks/demo/1?x=1")).toBe("/tasks/demo/1?x=1");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "", undefined, ["/a"]]) {
      expect(safeNext(bad), String(bad)).toBe("/");
    }
    // never back into sign-in itself
    expect(safeNext("/auth/signin")).toBe("/");
  });
});
