import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNSUPPORTED_FILE_TEXT } from "../../../src/wecom/longconn/file-message.js";
import type { LongConnSimulator } from "../../../src/wecom/simulator/longconn-server.js";
import type { Harness } from "../support/harness.js";
import { type LongConnService, startWithTwoReporters } from "./two-reporters.js";

const bot = { botId: "aib-files-bot", secret: "files-secret" };
let sim: LongConnSimulator;
let h: Harness;

let service: LongConnService;
beforeAll(async () => {
  service = await startWithTwoReporters(bot);
  ({ sim, h } = service);
});
afterAll(() => service.stop());

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
    const photo = await sendAndRead(Buffer.from("not a report"), "现场照片.png", "zhangsan");
    expect(photo.stream.content).toBe(UNSUPPORTED_FILE_TEXT);
    const broken = await sendAndRead(Buffer.from("not really a report"), "月报.docx", "zhangsan");
    expect(broken.stream.content).toContain("读不出「月报.docx」");
  });
});

/** A monthly report as departments write one in Word: a heading block, then the progress table. */
async function wordReport(rows: string[][], lines: string[]): Promise<Buffer> {
  const table = new Table({
    rows: rows.map(
      (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
    ),
  });
  const doc = new Document({ sections: [{ children: [...lines.map((l) => new Paragraph(l)), table] }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

describe("a Word report sent to the bot", () => {
  it("reads its progress table, the unit and date above it, and proposes the records on a card", async () => {
    const before = records().length;
    const file = await wordReport(
      [
        ["序号", "任务", "进展情况"],
        ["1", "任务1", "已接入部门26个"],
      ],
      ["数据资源局4月重点任务推进情况", "填报单位：数据资源局", "（截至2025年4月30日）"],
    );
    const reply = await sendAndRead(file, "数据资源局4月进展.docx", "zhangsan");
    expect(reply.msgtype).toBe("stream_with_template_card");
    expect(reply.stream.content).toContain("拟登记 1 条进展");
    expect(reply.stream.content).toContain("2025-04-30");
    expect(records()).toHaveLength(before);
  });

  it("says so when the document holds no progress table", async () => {
    const file = await wordReport([["说明", "内容"]], ["本月工作总结"]);
    const reply = await sendAndRead(file, "总结.docx", "zhangsan");
    expect(reply.stream.content).toContain("没有找到进展表格");
  });
});
