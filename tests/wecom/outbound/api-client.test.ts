import { describe, expect, it } from "vitest";
import { createAccessTokenCache } from "../../../src/wecom/access-token.js";
import { createWecomApiClient } from "../../../src/wecom/api-client.js";
import { WecomApiError } from "../../../src/wecom/api-error.js";
import type { Clock } from "../../../src/wecom/clock.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";
import { markdownBytes } from "../../../src/wecom/split-markdown.js";
import { started } from "./simulator-lifecycle.js";

const corp = { corpId: "ww-test-corp", corpSecret: "corp-secret-xyz", agentId: "1000002" };

/** Only `now` matters to the token cache; the test moves it by hand. */
function fixedClock(start: number) {
  const c = { t: start };
  const clock: Clock = { now: () => c.t, sleep: async () => {} };
  return { c, clock };
}

const gettokens = (s: WecomSimulatorApi) => s.received.filter((r) => r.route === "gettoken");

describe("access token and app send API", () => {
  it("caches the token across sends and fetches a new one before it expires", async () => {
    const t = fixedClock(Date.now());
    // the simulator's clock is the test clock too, so expiry is decided by the test
    const s = await started(startWecomSimulatorApi({ corps: [corp], tokenTtlSeconds: 7200, now: () => t.c.t }));
    const client = createWecomApiClient({ apiBase: s.url, ...corp, clock: t.clock });
    await client.sendAppMessage("zhangsan", "第一条");
    await client.sendAppMessage("zhangsan", "第二条");
    expect(gettokens(s)).toHaveLength(1);

    t.c.t += 7200_000 - 6 * 60_000; // 6 minutes left: still used
    await client.sendAppMessage("zhangsan", "第三条");
    expect(gettokens(s)).toHaveLength(1);

    t.c.t += 2 * 60_000; // 4 minutes left: refreshed before WeCom would call it expired
    await client.sendAppMessage("zhangsan", "第四条");
    expect(gettokens(s)).toHaveLength(2);
    expect(s.received.filter((r) => r.errcode === 42001)).toHaveLength(0);
    expect(s.appMessages().map((r) => [r.to, r.content])).toEqual([
      ["zhangsan", "第一条"],
      ["zhangsan", "第二条"],
      ["zhangsan", "第三条"],
      ["zhangsan", "第四条"],
    ]);
    const body = s.appMessages()[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ msgtype: "markdown", agentid: 1000002 });
  });

  it("on 42001 (expired) or 40014 (invalid) refreshes once and retries the send once", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const client = createWecomApiClient({ apiBase: s.url, ...corp });
    await client.sendAppMessage("lisi", "a");
    s.expireTokens();
    await client.sendAppMessage("lisi", "b");
    s.revokeTokens();
    await client.sendAppMessage("lisi", "c");
    expect(gettokens(s)).toHaveLength(3);
    expect(s.received.filter((r) => r.route === "message").map((r) => r.errcode)).toEqual([0, 42001, 0, 40014, 0]);
    expect(s.appMessages().map((r) => r.content)).toEqual(["a", "b", "c"]);
  });

  it("does not loop when the fresh token is refused too", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const client = createWecomApiClient({ apiBase: s.url, ...corp });
    s.injectFault("message", { kind: "errcode", errcode: 42001 }, 5);
    await expect(client.sendAppMessage("lisi", "x")).rejects.toMatchObject({ errcode: 42001 });
    expect(s.received.filter((r) => r.route === "message")).toHaveLength(2);
  });

  it("concurrent callers share one refresh", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const client = createWecomApiClient({ apiBase: s.url, ...corp });
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.sendAppMessage(`u${i}`, `m${i}`)));
    expect(gettokens(s)).toHaveLength(1);
    s.expireTokens();
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.sendAppMessage(`u${i}`, `n${i}`)));
    expect(gettokens(s)).toHaveLength(2);
    expect(s.appMessages()).toHaveLength(20);
  });

  it("splits a long answer to the app message limit", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const client = createWecomApiClient({ apiBase: s.url, ...corp });
    const text = Array.from({ length: 120 }, (_, i) => `第${i}行：市发展改革委牵头推进`).join("\n");
    const { parts } = await client.sendAppMessage("wangwu", text);
    expect(parts).toBeGreaterThan(1);
    expect(s.appMessages()).toHaveLength(parts);
    for (const m of s.appMessages()) expect(markdownBytes(m.content ?? "")).toBeLessThanOrEqual(2048);
  });

  it("a wrong corp secret is a permanent error whose text holds no secret", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const client = createWecomApiClient({ apiBase: s.url, ...corp, corpSecret: "wrong-secret-abc" });
    const err = await client.sendAppMessage("x", "y").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect(err).toMatchObject({ errcode: 40001, retryable: false });
    expect(String((err as Error).message)).not.toContain("wrong-secret-abc");
  });

  it("a network failure of gettoken is retryable and the next call tries again", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const cache = createAccessTokenCache({ apiBase: s.url, corpId: corp.corpId, corpSecret: corp.corpSecret });
    s.injectFault("gettoken", { kind: "drop" });
    await expect(cache.get()).rejects.toMatchObject({ retryable: true, errcode: null });
    expect(typeof (await cache.get())).toBe("string");
  });
});
