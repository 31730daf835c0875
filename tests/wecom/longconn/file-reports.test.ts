// Reports sent as files over the long connection: the SDK downloads and decrypts the file from the simulator, the
// progress table importer reads it, and a card asks the sender to confirm; nothing is recorded before that.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNSUPPORTED_FILE_TEXT } from "../../../src/wecom/longconn/file-message.js";
import { type LongConnSimulator, startLongConnSimulator } from "../../../src/wecom/simulator/longconn-server.js";
import { type Harness, startHarness } from "../support/harness.js";

const bot = { botId: "aib-files-bot", secret: "files-secret" };
let sim: LongConnSimulator;
let h: Harness;

beforeAll(async () => {
  sim = await startLongConnSimulator({ bots: [bot] });
  const dir = mkdtempSync(join(tmpdir(), "planbot-files-"));
  const reporters = join(dir, "reporters.yaml");
  writeFileSync(
    reporters,
    "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n  - userid: wangwu\n    name: 王五\n    department: 经贸发展局\n",
  );
  h = await startHarness({
    dir,
    env: {
      PLANBOT_REPORTERS: reporters,
      WECOM_BOT_ID: bot.botId,
      WECOM_BOT_SECRET: bot.secret,
      WECOM_BOT_WS_URL: sim.url,
    },
    server: { longConnection: { reconnectBaseMs: 20 } },
  });
  await sim.waitForAuthentications(1);
});
afterAll(async () => {
  await h.dispose();
  await sim.stop();
});

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("进展");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const records = () => h.runtime.store.list({ plan: "demo-plan", taskNo: 1 });

async function sendAndRead(content: Buffer, filename: string | null, userid: string) {
  const reqId = sim.sendFile(content, filename, { userid });
  const frames = await sim.waitForReply(reqId);
  return frames.at(-1)?.body;
}

function click(card: { task_id: string; button_list: { key: string }[] }, index: number, userid: string) {
  const event = { template_card_event: { event_key: card.button_list[index]?.key, task_id: card.task_id } };
  return sim.sendEvent("template_card_event", { userid, event });
}

describe("an .xlsx report sent to the bot", () => {
  it("is proposed on a card, recorded only when its sender confirms", async () => {
    const file = await xlsx([
      ["任务", "进展", "日期"],
      [1, "已接入部门20个", "2025-01-10"],
    ]);
    const before = records().length;
    const reply = await sendAndRead(file, "数据资源局1月进展.xlsx", "zhangsan");
    expect(reply.msgtype).toBe("stream_with_template_card");
    expect(reply.stream.content).toContain("拟登记 1 条进展");
    expect(reply.stream.content).toContain("接入部门 20个");
    expect(records()).toHaveLength(before);

    const card = reply.template_card;
    const stranger = click(card, 0, "wangwu");
    const [refused] = await sim.waitForReply(stranger, (f) => f.cmd === "aibot_respond_update_msg");
    expect(refused?.body.template_card.main_title.title).toContain("只有发送文件的人");
    expect(records()).toHaveLength(before);

    const confirm = click(card, 0, "zhangsan");
    const [done] = await sim.waitForReply(confirm, (f) => f.cmd === "aibot_respond_update_msg");
    expect(done?.body.template_card.main_title.title).toContain("已登记 1 条进展");
    expect(records()).toHaveLength(before + 1);
    expect(records().find((r) => r.value === 20)).toMatchObject({ targetId: "t1-1", reporterId: "zhangsan" });
  });

  it("records nothing when cancelled, or when a row is wrong (named by row and column)", async () => {
    const before = records().length;
    const good = await xlsx([
      ["任务", "进展", "日期"],
      [1, "已接入部门21个", "2025-02-10"],
    ]);
    const reply = await sendAndRead(good, "a.xlsx", "zhangsan");
    const cancel = click(reply.template_card, 1, "zhangsan");
    const [cancelled] = await sim.waitForReply(cancel, (f) => f.cmd === "aibot_respond_update_msg");
    expect(cancelled?.body.template_card.main_title.title).toContain("已取消");

    const bad = await xlsx([
      ["任务", "进展", "日期"],
      [1, "已接入部门22个", "2025-13-40"],
    ]);
    const problems = await sendAndRead(bad, null, "zhangsan");
    expect(problems.msgtype).toBe("stream");
    expect(problems.stream.content).toContain("第 2 行 [日期]");
    expect(records()).toHaveLength(before);
  });

  it("refuses a sender without rights to the task, and says which formats it reads", async () => {
    const file = await xlsx([
      ["任务", "进展", "日期"],
      [1, "已接入部门23个", "2025-03-10"],
    ]);
    const refused = await sendAndRead(file, "b.xlsx", "wangwu");
    expect(refused.stream.content).toContain("未登记");
    expect(refused.template_card).toBeUndefined();
    const docx = await sendAndRead(Buffer.from("not really a report"), "月报.docx", "zhangsan");
    expect(docx.stream.content).toBe(UNSUPPORTED_FILE_TEXT);
  });
});
