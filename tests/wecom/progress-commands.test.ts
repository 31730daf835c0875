import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "planbot-progress-"));
  const reporters = join(dir, "reporters.yaml");
  writeFileSync(
    reporters,
    "reporters:\n  - userid: zhangsan\n    name: 张三\n    department: 数据资源局\n  - userid: wangwu\n    name: 王五\n    department: 经贸发展局\n",
  );
  h = await startHarness({ dir, env: { PLANBOT_REPORTERS: reporters } });
});
afterAll(async () => {
  await h.dispose();
});

const recordsOfTask1 = () => h.runtime.store.forTask("demo-plan", 1);

describe("progress commands through WeCom, with the sender's userid as identity", () => {
  it("records progress @-mentioned in a group by a reporter of the lead department", async () => {
    const conv = await h.sim.askBot("进展 任务一 已接入部门12个", {
      userid: "zhangsan",
      chatid: "g1",
      botName: "计划助手",
    });
    expect(conv.problems).toEqual([]);
    const records = recordsOfTask1();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ reporterId: "zhangsan", taskNo: 1 });
  });

  it("records progress sent as an app message", async () => {
    const ex = await h.sim.askApp("进展 任务一 已接入部门15个", { userid: "zhangsan" });
    expect(ex.problems).toEqual([]);
    expect(ex.replyText).toBeTruthy();
    expect(recordsOfTask1()).toHaveLength(2);
  });

  it("refuses a user who does not report for the task's departments, on both routes", async () => {
    const before = recordsOfTask1().length;
    const viaBot = await h.sim.askBot("进展 任务一 已接入部门99个", { userid: "wangwu", chatid: "g1" });
    const viaApp = await h.sim.askApp("进展 任务一 已接入部门98个", { userid: "stranger" });
    expect(viaBot.answer).not.toBe("");
    expect(viaApp.replyText).toBeTruthy();
    expect(recordsOfTask1()).toHaveLength(before);
  });
});
