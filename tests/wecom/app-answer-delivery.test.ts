// Issue 14, lost app answers: an answer sent actively (message/send) survives a failed send, and a retry after a send
// whose answer was lost is not shown twice, because WeCom (here its simulator) drops the identical repeat.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { APP_RESEND_HORIZON_MS, createAppAnswerOutbox } from "../../src/wecom/app/answer-outbox.js";
import { createOutbox } from "../../src/wecom/outbox.js";
import { startWecomSimulatorApi, type WecomSimulatorApi } from "../../src/wecom/simulator/api-server.js";
import { newAppMsgId } from "../../src/wecom/simulator/callbacks.js";
import { newCredentials } from "../../src/wecom/simulator/credentials.js";
import { coreAnswer, countingHandler, type Harness, startHarness } from "./support/harness.js";

let h: Harness | undefined;
let api: WecomSimulatorApi | undefined;
afterEach(async () => {
  await h?.dispose();
  await api?.stop();
  h = undefined;
  api = undefined;
});

/** A harness whose answers are slow enough to go out by the active send API. */
async function slowAnswers() {
  const creds = newCredentials();
  const corp = creds.app;
  api = await startWecomSimulatorApi({
    corps: [{ corpId: corp.corpId, corpSecret: corp.secret, agentId: corp.agentId }],
  });
  h = await startHarness({
    creds,
    wrapHandler: countingHandler(300).wrap,
    env: { WECOM_API_BASE: api.url },
    server: { appBudgetMs: 50, appOutbox: { backoff: { baseMs: 50, maxMs: 100 }, pollMs: 50 } },
    appTimeoutMs: 2000,
  });
  return { h, api };
}

describe("app answers sent actively", () => {
  it("an answer whose send fails with 5xx, then finds WeCom unreachable, is sent again and arrives once", async () => {
    const { h, api } = await slowAnswers();
    api.injectFault("message", { kind: "http500" });
    api.injectFault("message", { kind: "drop" });
    const ex = await h.sim.askApp("牵头部门", { userid: "lisi", msgid: newAppMsgId() });
    expect(ex.deliveries.map((d) => d.body)).toEqual([""]);
    await expect.poll(() => api.appMessages().length, { timeout: 5000 }).toBe(1);
    expect(api.appMessages()[0]?.content).toBe(coreAnswer(h, "牵头部门"));
    expect(api.received.filter((r) => r.route === "message").map((r) => r.status)).toEqual([500, 0, 200]);
  });

  it("a send that WeCom shows but whose answer is lost is repeated, and WeCom's duplicate check drops the repeat", async () => {
    const { h, api } = await slowAnswers();
    api.injectFault("message", { kind: "dropAfterAccept" });
    await h.sim.askApp("牵头部门", { userid: "lisi", msgid: newAppMsgId() });
    await expect.poll(() => api.received.filter((r) => r.route === "message").length, { timeout: 5000 }).toBe(2);
    const [first, repeat] = api.received.filter((r) => r.route === "message");
    expect(first?.body).toEqual(repeat?.body);
    expect(first?.body).toMatchObject({ enable_duplicate_check: 1 });
    expect(api.appMessages()).toHaveLength(1);
    expect(repeat).toMatchObject({ errcode: 0, accepted: false, duplicate: true });
  });
});

describe("the simulator's duplicate check (message/send)", () => {
  it("drops an identical request within the interval only when enable_duplicate_check is set", async () => {
    const creds = newCredentials().app;
    api = await startWecomSimulatorApi({
      corps: [{ corpId: creds.corpId, corpSecret: creds.secret, agentId: creds.agentId }],
    });
    const token = await fetch(`${api.url}/cgi-bin/gettoken?corpid=${creds.corpId}&corpsecret=${creds.secret}`)
      .then((r) => r.json())
      .then((j) => (j as { access_token: string }).access_token);
    const send = (body: object) =>
      fetch(`${api?.url}/cgi-bin/message/send?access_token=${token}`, { method: "POST", body: JSON.stringify(body) });
    const message = {
      touser: "lisi",
      msgtype: "markdown",
      agentid: Number(creds.agentId),
      markdown: { content: "答" },
    };
    const checked = { ...message, enable_duplicate_check: 1, duplicate_check_interval: 600 };
    for (const body of [message, message, checked, checked, { ...checked, markdown: { content: "另一条" } }]) {
      expect(await send(body).then((r) => r.json())).toMatchObject({ errcode: 0 });
    }
    expect(api.appMessages().map((m) => m.content)).toEqual(["答", "答", "答", "另一条"]);
  });
});

describe("the app answers' outbox", () => {
  it("gives an answer up once resending it could fall outside WeCom's duplicate-check window", async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "planbot-app-outbox-")), "planbot.sqlite"));
    let now = 0;
    const tries: string[] = [];
    const answers = createAppAnswerOutbox(
      db,
      {
        async sendAppPart(_touser, content) {
          tries.push(content);
          now += APP_RESEND_HORIZON_MS + 1; // the answer to this try never comes back, and time passes
          return { ok: false, retryable: true, error: "message/send: no answer in time", maybeDelivered: true };
        },
      },
      { clock: { now: () => now, sleep: async () => {} }, backoff: { baseMs: 0, maxMs: 0 }, pollMs: 10 },
    );
    answers.enqueue("lisi", "msg-late", "回答");
    await expect.poll(() => createOutbox(db).list()[0]?.status).toBe("failed");
    await answers.stop();
    expect(tries).toEqual(["回答"]);
    expect(createOutbox(db).list()[0]?.lastError).toContain("too late");
    db.close();
  });
});
