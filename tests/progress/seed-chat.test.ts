// The chat grammar against the shipped plan: the brief's own example messages land on the right task and target.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { parseReporters } from "../../src/auth/reporters.js";
import type { IncomingMessage } from "../../src/chat/message.js";
import { createProgressCommands } from "../../src/chat/progress-commands.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { type TempDb, tempDb } from "../store/helpers.js";

const loaded = loadPlans(resolve(import.meta.dirname, "../../knowledge"));
const reporters = parseReporters(`
reporters:
  - { userid: keji, name: 科技联络员, department: 科技局 }
  - { userid: caizheng, name: 财政联络员, department: 财政分局 }
  - { userid: admin, name: 管理员, role: admin }
`);
let t: TempDb;
let store: ProgressStore;
let handle: (msg: IncomingMessage) => ReturnType<ReturnType<typeof createProgressCommands>>;

beforeEach(() => {
  t = tempDb();
  store = createProgressStore(t.db);
  handle = createProgressCommands({
    plans: loaded.plans,
    directory: loaded.directory,
    answerer: createAnswerer(loaded),
    store,
    reporters: () => reporters,
    today: () => "2025-04-10",
    staleDays: 30,
    glossary: loaded.glossary,
  });
});
afterEach(() => t.cleanup());

const send = (text: string, userid: string) => handle({ text, userid, channel: "simulator" });

describe("progress commands on the shipped plan", () => {
  it("binds a bare cumulative figure to the task's only target in its unit", () => {
    const r = send("进展 任务九:累计达到520家", "keji");
    expect(r?.kind).toBe("progress_recorded");
    expect(store.get(1)).toMatchObject({
      taskNo: 9,
      targetId: "t9-1",
      value: 520,
      department: "科技局",
      boundBy: "sole",
    });
  });

  it("keeps the brief's first example as text: 专精特新企业 are one part of 专精特新及高新技术企业", () => {
    const r = send("进展 任务九:本季度新增专精特新企业45家,累计达到520家", "keji");
    expect(r?.markdown).toContain("仅保存为文字");
    expect(r?.markdown).toContain("进展 任务9:专精特新及高新技术企业累计达到…家");
    expect(store.get(1)).toMatchObject({ taskNo: 9, targetId: null, value: null });
    send("进展 任务九:专精特新及高新技术企业累计达到520家", "keji");
    expect(store.get(2)).toMatchObject({ targetId: "t9-1", value: 520, boundBy: "named" });
  });

  it("finds the task and the metric from keywords in the brief's second example", () => {
    const r = send("@政策助手 更新进展 上市公司 已达10家", "caizheng");
    expect(r?.kind).toBe("progress_recorded");
    expect(store.get(1)).toMatchObject({ taskNo: 7, targetId: "t7-2", value: 10, department: "财政局" });
  });

  it("reads 十亿元以上企业 as the plan's 10亿元以上企业, and figures as people write them", () => {
    send("进展 任务三 十亿元以上企业达到25家", "admin");
    expect(store.get(1)).toMatchObject({ taskNo: 3, targetId: "t3-2", value: 25 });
    send("进展 任务六 亩均税收达到30万元", "admin");
    expect(store.get(2)).toMatchObject({ taskNo: 6, targetId: "t6-3", value: 30 });
    send("进展 任务四 高水平创新平台达到十家", "admin");
    expect(store.get(3)).toMatchObject({ taskNo: 4, targetId: "t4-1", value: 10 });
  });
});
