import { describe, expect, it } from "vitest";
import { type ReceivedRequest, startWecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";
import { started } from "./simulator-lifecycle.js";

const corp = { corpId: "ww-sim", corpSecret: "sim-secret", agentId: "1000009" };

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json().catch(() => null)) as { errcode: number } | null };
};
const md = (content: string) => ({ msgtype: "markdown", markdown: { content } });

describe("WeCom API simulator", () => {
  it("plays gettoken like WeCom: wrong corp, wrong secret, token with its lifetime", async () => {
    const now = { t: 1_000_000 };
    const s = await started(startWecomSimulatorApi({ corps: [corp], tokenTtlSeconds: 60, now: () => now.t }));
    const get = async (q: string) =>
      (await fetch(`${s.url}/cgi-bin/gettoken?${q}`)).json() as Promise<Record<string, unknown>>;
    expect((await get("corpid=nope&corpsecret=x")).errcode).toBe(40013);
    expect((await get(`corpid=${corp.corpId}&corpsecret=wrong`)).errcode).toBe(40001);
    const ok = await get(`corpid=${corp.corpId}&corpsecret=${corp.corpSecret}`);
    expect(ok).toMatchObject({ errcode: 0, expires_in: 60 });
    const send = (token: unknown) =>
      post(`${s.url}/cgi-bin/message/send?access_token=${token}`, { touser: "u", agentid: 1000009, ...md("hi") });
    expect((await send(ok.access_token)).json?.errcode).toBe(0);
    now.t += 60_000;
    expect((await send(ok.access_token)).json?.errcode).toBe(42001);
    expect((await send("made-up")).json?.errcode).toBe(40014);
  });

  it("checks app messages: agent id, user, size (2048 bytes for app markdown)", async () => {
    const s = await started(startWecomSimulatorApi({ corps: [corp] }));
    const token = (
      (await (await fetch(`${s.url}/cgi-bin/gettoken?corpid=ww-sim&corpsecret=sim-secret`)).json()) as {
        access_token: string;
      }
    ).access_token;
    const send = (body: unknown) => post(`${s.url}/cgi-bin/message/send?access_token=${token}`, body);
    expect((await send({ touser: "u", agentid: 1, ...md("x") })).json?.errcode).toBe(40056);
    expect((await send({ agentid: 1000009, ...md("x") })).json?.errcode).toBe(40031);
    expect((await send({ touser: "u", agentid: 1000009, ...md("a".repeat(2049)) })).json?.errcode).toBe(40058);
    expect((await send({ touser: "u", agentid: 1000009, ...md("a".repeat(2048)) })).json?.errcode).toBe(0);
    expect(s.appMessages()).toHaveLength(1);
  });

  it("enforces the robot's rate per key with 45009 and counts only accepted messages", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { k1: "甲群", k2: "乙群" } }));
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push((await post(`${s.url}/cgi-bin/webhook/send?key=k1`, md(`m${i}`))).json?.errcode ?? -99);
    expect(codes.slice(0, 20).every((c) => c === 0)).toBe(true);
    expect(codes[20]).toBe(45009);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=k2`, md("other robot"))).json?.errcode).toBe(0);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=zz`, md("x"))).json?.errcode).toBe(93000);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=k2`, "{not json")).json?.errcode).toBe(40035);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=k2`, md("  "))).json?.errcode).toBe(44004);
    expect(s.chatMessages("甲群")).toHaveLength(20);
  });

  it("in demo mode takes any robot key as a new robot", async () => {
    const s = await started(startWecomSimulatorApi({ acceptUnknownRobots: true }));
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=abc`, md("x"))).json?.errcode).toBe(0);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=def`, md("y"))).json?.errcode).toBe(0);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=`, md("z"))).json?.errcode).toBe(93000);
    expect(s.chatMessages().map((m) => [m.to, m.content])).toEqual([
      ["群机器人1", "x"],
      ["群机器人2", "y"],
    ]);
  });

  it("refuses bodies over 1 MB with 413, unknown paths with 404, and keeps serving", async () => {
    const s = await started(startWecomSimulatorApi({ robots: { k: "群" } }));
    const big = await fetch(`${s.url}/cgi-bin/webhook/send?key=k`, {
      method: "POST",
      body: "x".repeat(1_100_000),
    }).catch(() => null);
    expect(big === null || big.status === 413).toBe(true);
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
    expect((await post(`${s.url}/cgi-bin/webhook/send?key=k`, md("still here"))).json?.errcode).toBe(0);
  });

  it("gives one-use response_urls for the intelligent bot, records everything and shows a transcript", async () => {
    const seen: ReceivedRequest[] = [];
    const s = await started(startWecomSimulatorApi({ robots: { k: "推进群" }, onRecord: (r) => seen.push(r) }));
    const url = s.newResponseUrl();
    expect((await post(url, md("**答复**"))).json?.errcode).toBe(0);
    expect((await post(url, md("again"))).json?.errcode).not.toBe(0);
    await post(`${s.url}/cgi-bin/webhook/send?key=k`, md("# 日报"));
    expect(seen).toHaveLength(3);
    expect(s.received).toEqual(seen);
    const transcript = s.transcript();
    expect(transcript).toContain("智能机器人回复");
    expect(transcript).toContain("群聊「推进群」");
    expect(transcript).toContain("# 日报");
    expect(transcript).not.toContain("again");
  });
});
