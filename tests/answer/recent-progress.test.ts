// "最近有什么新进展", "本周进展": the progress dated in a window of days (its 截至 date), from a real SQLite store.
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { recentWindow } from "../../src/answer/recent-window.js";
import type { AnswerContext } from "../../src/answer/types.js";
import { loadPlans } from "../../src/plan/knowledge.js";
import type { NewProgress } from "../../src/progress/schema.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { type TempDb, tempDb } from "../store/helpers.js";

const loaded = loadPlans(resolve(import.meta.dirname, "../../knowledge"));
const answerer = createAnswerer(loaded);
const plan = loaded.plans[0]?.slug ?? "";
let t: TempDb;
let store: ProgressStore;
/** when the next record is stored (recordedAt) */
let storedAt = "";
beforeEach(() => {
  t = tempDb();
  store = createProgressStore(t.db, { now: () => new Date(storedAt) });
});
afterEach(() => t.cleanup());

const record = (at: string, r: Partial<NewProgress> & Pick<NewProgress, "taskNo" | "text">) => {
  storedAt = at;
  return store.add(
    {
      plan,
      targetId: null,
      value: null,
      unit: null,
      reporterId: "u",
      reporterName: "张三",
      source: "chat",
      asOf: at.slice(0, 10),
      ...r,
    },
    { actor: "test", via: "test" },
  );
};
// Wednesday 2024-07-03 in Shanghai.
const ctx = (): AnswerContext => ({ today: "2024-07-03", staleDays: 30, progress: store });
const ask = (q: string) => answerer.answer(q, ctx())[0]?.text ?? "";

describe("recent progress", () => {
  beforeEach(() => {
    record("2024-05-20T02:00:00Z", { taskNo: 2, text: "五月的旧记录" });
    record("2024-06-28T02:00:00Z", { taskNo: 9, targetId: "t9-1", value: 480, unit: "家", text: "专精特新累计480家" });
    // 07-01 00:30 in Shanghai is still 06-30 in UTC: the window follows Shanghai's days.
    record("2024-06-30T16:30:00Z", { taskNo: 7, targetId: "t7-2", value: 9, unit: "家", text: "上市公司达到9家" });
    record("2024-07-03T01:00:00Z", { taskNo: 4, text: "北航研究院中试基地启用" });
  });

  it("lists the progress dated in the last 7 days, newest first, with figure, share, who and day", () => {
    const text = ask("最近有什么新进展");
    expect(text).toContain("**最近7天的新进展**(按进展日期,2024-06-27 起,共 3 条,从新到旧)");
    const lines = text.split("\n").slice(1);
    expect(lines).toEqual([
      "- 任务4:北航研究院中试基地启用 —— 张三 07-03",
      "- 任务7 **上市公司数量 9家 75%**:上市公司达到9家 —— 张三 06-30",
      "- 任务9 **专精特新及高新技术企业 480家 80%**:专精特新累计480家 —— 张三 06-28",
    ]);
    expect(ask("最新进展")).toBe(text);
    expect(answerer.answer("最近谁报了进展", ctx())[0]?.intent).toBe("progress");
  });

  it("reads the window from the question: this week, this month, last month, N days", () => {
    // The record dated 06-30 (stored just after midnight on 07-01 in Shanghai) belongs to June: its date decides.
    expect(ask("本周进展")).toContain("**本周的新进展**(按进展日期,2024-07-01 起,共 1 条");
    expect(ask("这个月有哪些新进展")).toContain("**本月的新进展**(按进展日期,2024-07-01 起,共 1 条");
    expect(ask("上个月有什么进展")).toContain("**上个月的新进展**(按进展日期,2024-06-01 至 2024-06-30,共 2 条");
    expect(ask("近60天的进展动态")).toContain("共 4 条");
  });

  it("says when nothing was recorded in the window, and shows the last record", () => {
    const text = ask("今天有什么新进展");
    expect(text).toContain("**今天的新进展**(按进展日期,2024-07-03 起,共 1 条");
    const none = answerer.answer("最近有什么新进展", { ...ctx(), today: "2024-08-30" })[0]?.text ?? "";
    expect(none).toContain("最近7天没有新的进展。日期最近的一条为 2024-07-03:");
    expect(none).toContain("- 任务4:北航研究院中试基地启用");
    const last = answerer.answer("最近一次进展是什么时候", { ...ctx(), today: "2024-08-30" })[0]?.text ?? "";
    expect(last).toContain("日期最近的一条为 2024-07-03");
  });

  it("does not count a record typed in lately about an old date as recent, and says it is there", () => {
    record("2024-07-02T02:00:00Z", { taskNo: 3, text: "2023年底百亿企业6家", asOf: "2023-12-31" });
    const text = ask("最近有什么新进展");
    expect(text).toContain("共 3 条");
    expect(text).not.toContain("2023年底百亿企业6家");
    expect(text).toContain("(另有 1 条在此期间登记、日期更早的记录,最近的日期为 2023-12-31)");
  });

  it("leaves a question that names a task or subject to that task", () => {
    expect(ask("上市公司最近有什么进展")).toContain("(七)集聚要素资源");
    expect(ask("任务九最新进展")).toContain("最新进展(2024-06-28");
  });
});

describe("recent window", () => {
  it("starts weeks on Monday and counts N days back from today", () => {
    expect(recentWindow("本周", "2024-07-07")).toEqual({ label: "本周", from: "2024-07-01", until: null });
    expect(recentWindow("上周", "2024-07-01")).toEqual({ label: "上周", from: "2024-06-24", until: "2024-07-01" });
    expect(recentWindow("最近一周", "2024-07-03")).toEqual({ label: "最近7天", from: "2024-06-27", until: null });
    expect(recentWindow("近三个月", "2024-07-03").label).toBe("最近90天");
    expect(recentWindow("上个月", "2024-01-15")).toEqual({ label: "上个月", from: "2023-12-01", until: "2024-01-01" });
  });
});

it("says plainly when nothing was ever recorded", () => {
  expect(ask("最近有什么新进展")).toContain("暂无进展记录:各项任务都还没有登记进展");
});
