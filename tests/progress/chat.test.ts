import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { findReporter } from "../../src/auth/permission.js";
import { parseReporters } from "../../src/auth/reporters.js";
import { createMessageHandler } from "../../src/chat/handle-message.js";
import type { IncomingMessage, Reply } from "../../src/chat/message.js";
import { createProgressCommands } from "../../src/chat/progress-commands.js";
import type { DepartmentDirectory } from "../../src/plan/schema.js";
import { latestPerTarget } from "../../src/progress/effective.js";
import { createProgressStore, type ProgressStore } from "../../src/store/progress-store.js";
import { type TempDb, tempDb, tickingClock } from "../store/helpers.js";
import { demoPlan } from "./fixtures.js";

const plan = demoPlan();
const directory: DepartmentDirectory = {
  departments: [
    { name: "市经信局", aliases: ["经信局"], kind: "department" },
    { name: "各区政府", aliases: [], kind: "group" },
  ],
};
const reporters = parseReporters(`
reporters:
  - { userid: zhang, name: 张三, department: 经信局, contact: true }
  - { userid: li, name: 李四, department: 市科技局 }
  - { userid: zhao, name: 赵六, department: 东城区政府 }
  - { userid: wang, name: 王五, role: admin }
  - { userid: zhou, name: 周七, department: 市经信局 }
`);

let t: TempDb;
let store: ProgressStore;
let send: (text: string, userid?: string, channel?: IncomingMessage["channel"]) => Promise<Reply>;

beforeEach(() => {
  t = tempDb();
  store = createProgressStore(t.db, { now: tickingClock("2024-07-01T02:00:00Z") });
  const loaded = { plans: [plan], directory, glossary: { terms: [] } };
  const answerer = createAnswerer(loaded);
  const handler = createMessageHandler({
    answerer,
    context: () => ({ today: "2024-07-01", staleDays: 30, progress: store }),
    progressCommands: createProgressCommands({
      plans: [plan],
      directory,
      answerer,
      store,
      reporters: () => reporters,
      today: () => "2024-07-01",
      staleDays: 30,
    }),
    departmentsOf: (userid) => findReporter(reporters, userid)?.departments ?? [],
  });
  send = (text, userid = "zhang", channel = "simulator") => {
    const msg: IncomingMessage = { text, userid, channel, chatid: "g1" };
    return handler(msg);
  };
});
afterEach(() => t.cleanup());

describe("recording progress in chat", () => {
  it("records a report written straight after the task's name, not a question about it", async () => {
    const r = await send("进展 专精特新企业累计达到520家");
    expect(r.kind).toBe("progress_recorded");
    expect(store.get(1)).toMatchObject({ targetId: "t1-1", value: 520, text: "专精特新企业累计达到520家" });
  });
  it("stores a bound figure and confirms task, metric, value and how to undo", async () => {
    const r = await send("进展 任务一:本季度新增专精特新企业45家,累计达到520家");
    expect(r.kind).toBe("progress_recorded");
    expect(r.markdown).toContain("已记录进展 #1");
    expect(r.markdown).toContain("任务1「培育专精特新企业」");
    expect(r.markdown).toContain("指标:专精特新企业 = 520家(目标 600家,完成 86%)");
    expect(r.markdown).toContain("撤销 #1");
    expect(store.get(1)).toMatchObject({
      targetId: "t1-1",
      value: 520,
      unit: "家",
      reporterId: "zhang",
      reporterName: "张三",
      department: "市经信局",
      source: "chat",
      asOf: "2024-07-01",
    });
    expect(store.audit(1)[0]).toMatchObject({ actor: "wecom:zhang", via: "chat:simulator", action: "add" });
  });

  it("finds the task by keywords and lets the reference name the metric", async () => {
    const r = await send("@政策助手 更新进展 上市公司 已达10家");
    expect(r.kind).toBe("progress_recorded");
    expect(r.markdown).toContain("指标:上市公司 = 10家(目标 12家,完成 83%)");
    expect(store.get(1)).toMatchObject({ taskNo: 1, targetId: "t1-2", value: 10 });
  });

  it("keeps an ambiguous figure as text and says so", async () => {
    const r = await send("进展 任务1 本月又有两家企业达到30家标准,累计达到300家");
    expect(r.markdown).toContain("仅保存为文字");
    expect(r.markdown).toContain("如需计入指标,请写明指标名,每条一个指标,如「进展 任务1:专精特新企业累计达到…家」");
    expect(store.get(1)).toMatchObject({ targetId: null, value: null });
  });

  it("shows how far the latest figure moved from the one before it", async () => {
    await send("进展 任务1:截至2024年5月31日,专精特新企业累计达到500家");
    await send("进展 任务1:专精特新企业累计达到520家");
    const r = await send("任务1进展如何");
    expect(r.markdown).toContain("520家/600家");
    expect(r.markdown).toContain("· 较2024-05-31 +20家 ·");
  });

  it("suggests the target the text names when it holds no figure, and reads Chinese numerals", async () => {
    const r = await send("进展 任务1:上市公司辅导备案推进中");
    expect(r.markdown).toContain("如「进展 任务1:上市公司累计达到…家」");
    const n = await send("进展 任务1:上市公司累计达到十一家");
    expect(n.markdown).toContain("指标:上市公司 = 11家(目标 12家,完成 91%)");
  });

  it("records each target of a report that names several, one record each, stored together", async () => {
    const r = await send("进展 任务1:截至2024年6月30日,专精特新企业累计达到520家;上市公司10家");
    expect(r.kind).toBe("progress_recorded");
    expect(r.markdown).toContain("已记录进展 #1、#2(一条消息含 2 个指标,每个指标一条记录)");
    expect(r.markdown).toContain("指标:专精特新企业 = 520家(目标 600家,完成 86%)");
    expect(r.markdown).toContain("指标:上市公司 = 10家(目标 12家,完成 83%)");
    expect(r.markdown).toContain("撤销请发「撤销 #1」「撤销 #2」");
    expect(store.list().map((rec) => [rec.targetId, rec.value, rec.asOf])).toEqual([
      ["t1-1", 520, "2024-06-30"],
      ["t1-2", 10, "2024-06-30"],
    ]);
    expect(latestPerTarget(store.forTask("demo-2023-2025", 1)).get("t1-2")?.value).toBe(10);
  });

  it("splits a report only when every figure names its target: otherwise one binding, or text", async () => {
    // The second figure names no metric: the report binds as one, as before.
    await send("进展 任务1:专精特新企业累计达到520家,其中本季度新增45家");
    expect(store.list().map((rec) => [rec.targetId, rec.value])).toEqual([["t1-1", 520]]);
    // Two figures for one target are not two records.
    await send("进展 任务1:专精特新企业累计达到520家;专精特新企业累计达到530家");
    expect(store.count()).toBe(2);
  });

  it("reads the day the progress refers to from the text", async () => {
    await send("进展 任务1:截至2024年3月31日累计达到300家");
    expect(store.get(1)?.asOf).toBe("2024-03-31");
  });

  it("reads a month without a year as the latest such month, ending on its last day", async () => {
    await send("进展 任务1:截至5月底累计达到300家");
    expect(store.get(1)?.asOf).toBe("2024-05-31");
  });

  it("refuses a future day", async () => {
    const r = await send("进展 任务1:截至2024年12月31日累计达到300家");
    expect(r.kind).toBe("progress_invalid");
    expect(store.count()).toBe(0);
  });

  it("lets a partner department record, and a member of a collective partner", async () => {
    expect((await send("进展 任务1:协助完成企业走访", "li")).kind).toBe("progress_recorded");
    expect((await send("进展 任务3:本区完成材料报送", "zhao")).kind).toBe("progress_recorded");
  });

  it("refuses someone not on the list, naming the admin to ask", async () => {
    const r = await send("进展 任务1:累计达到300家", "stranger");
    expect(r.kind).toBe("progress_refused");
    expect(r.markdown).toContain("不在进展填报名单中");
    expect(r.markdown).toContain("王五(wang)");
    expect(store.count()).toBe(0);
  });

  it("refuses a department that neither leads nor cooperates, naming the lead's contact", async () => {
    const r = await send("进展 任务2:研发经费投入强度提升0.3个百分点", "zhang");
    expect(r.kind).toBe("progress_refused");
    expect(r.markdown).toContain("市科技局 牵头");
    expect(r.markdown).toContain("王五(wang)");
    const r2 = await send("进展 任务3:已完成", "li");
    expect(r2.markdown).toContain("市发改委 牵头、各区政府 协同");
    expect(store.count()).toBe(0);
  });

  it("lets an admin record for any task", async () => {
    expect((await send("进展 任务2:研发经费投入强度提升0.3个百分点", "wang")).markdown).toContain(
      "研发经费投入强度 = 已提升0.3个百分点",
    );
  });

  it("names the task range when the number does not exist", async () => {
    const r = await send("进展 任务99:已完成");
    expect(r.markdown).toContain("没有任务99");
  });
});

describe("questions about the sender's own department", () => {
  it("answers for the department the reporters file gives, and asks the others to name theirs", async () => {
    expect((await send("我们部门牵头哪些任务", "zhang")).markdown).toContain("**市经信局** 牵头的任务");
    expect((await send("我们部门牵头哪些任务", "wang")).markdown).toContain("不知道“我们部门”是哪个部门");
    expect((await send("我们部门牵头哪些任务", "nobody")).markdown).toContain("不知道“我们部门”是哪个部门");
  });
});

describe("correcting and undoing", () => {
  it("corrects by a new record and shows the correction in answers and history", async () => {
    await send("进展 任务1:专精特新企业累计达到520家");
    const r = await send("更正 #1 专精特新企业累计达到502家");
    expect(r.kind).toBe("progress_corrected");
    expect(r.markdown).toContain("#2(更正 #1)");
    expect(latestPerTarget(store.forTask(plan.slug, 1)).get("t1-1")?.value).toBe(502);
    const h = await send("进展历史 任务1");
    expect(h.markdown).toContain(
      "#1 2024-07-01 张三·市经信局:**专精特新企业 520家** 专精特新企业累计达到520家(已被 #2 更正)",
    );
    expect(h.markdown).toContain(
      "#2 2024-07-01 张三·市经信局:更正 #1:**专精特新企业 502家** 专精特新企业累计达到502家",
    );
    expect((await send("更正 #1 累计达到1家")).markdown).toContain("#1 已被 #2 更正");
  });

  it("lists the sender's own records across tasks, with corrections and retractions marked", async () => {
    expect((await send("我的记录")).markdown).toContain("您还没有登记过进展");
    await send("进展 任务1:专精特新企业累计达到520家");
    await send("进展 任务1:专精特新企业累计达到530家", "li");
    await send("撤销");
    const r = await send("我的记录");
    expect(r.kind).toBe("progress_history");
    expect(r.markdown).toContain("**您最近登记的 2 条记录**");
    expect(r.markdown).toMatch(
      /- #3 2024-07-01 任务1 撤销了 #1\n- #1 2024-07-01 任务1:\*\*专精特新企业 520家\*\* .*\(已撤销\)/,
    );
    expect(r.markdown).not.toContain("530家");
  });

  it("undoes the sender's latest record", async () => {
    await send("进展 任务1:累计达到520家");
    const r = await send("撤销");
    expect(r.kind).toBe("progress_undone");
    expect(store.forTask(plan.slug, 1)).toEqual([]);
    expect(store.count()).toBe(2);
    expect((await send("撤销")).markdown).toContain("没有可撤销");
  });

  it("refuses to undo someone else's record from another department", async () => {
    await send("进展 任务1:累计达到520家", "zhang");
    const r = await send("撤销 #1", "zhao");
    expect(r.kind).toBe("progress_refused");
    expect(store.forTask(plan.slug, 1)).toHaveLength(1);
  });
});

describe("who may correct or undo", () => {
  it("refuses a partner department correcting or undoing the lead's record, or an admin's, and audits it", async () => {
    await send("进展 任务1:专精特新企业累计达到520家", "zhang");
    await send("进展 任务1:专精特新企业累计达到530家", "wang");
    const undo = await send("撤销 #1", "li");
    expect(undo.kind).toBe("progress_refused");
    expect(undo.markdown).toContain("登记人");
    expect((await send("更正 #2 专精特新企业累计达到1家", "li")).kind).toBe("progress_refused");
    expect(store.count()).toBe(2);
    const refused = store.auditTrail({ refusedOnly: true });
    expect(refused).toHaveLength(2);
    expect(refused[1]).toMatchObject({
      action: "refuse",
      progressId: null,
      actor: "wecom:li",
      via: "chat:simulator",
      detail: "撤销 #1",
      reason: expect.stringContaining("协同部门只能新增进展"),
    });
  });

  it("lets the reporter, the lead department and an admin correct or undo", async () => {
    await send("进展 任务1:协助走访,专精特新企业累计达到520家", "li");
    expect((await send("更正 #1 专精特新企业累计达到521家", "li")).kind).toBe("progress_corrected");
    expect((await send("更正 #2 专精特新企业累计达到522家", "zhou")).kind).toBe("progress_corrected");
    expect((await send("撤销 #3", "wang")).kind).toBe("progress_undone");
    expect(store.auditTrail({ refusedOnly: true })).toEqual([]);
  });

  it("audits a refusal of someone not on the list", async () => {
    await send("进展 任务1:累计达到300家", "stranger");
    expect(store.auditTrail({ refusedOnly: true })[0]).toMatchObject({
      actor: "wecom:stranger",
      detail: "进展 任务1:累计达到300家",
      reason: expect.stringContaining("不在进展填报名单中"),
    });
  });
});

describe("channels without a verified sender (the dashboard's try box)", () => {
  it("never record, correct or undo, even for an id the reporters file names, and say where to record", async () => {
    await send("进展 任务1:专精特新企业累计达到520家", "zhang");
    for (const text of ["进展 任务1:专精特新企业累计达到530家", "更正 #1 累计达到1家", "撤销 #1", "撤销"]) {
      const r = await send(text, "wang", "http");
      expect(r.kind).toBe("progress_read_only");
      expect(r.markdown).toContain("群聊");
      expect(r.markdown).toContain("planbot progress add");
    }
    expect(store.count()).toBe(1);
    expect((await send("进展 任务1", "wang", "http")).kind).toBe("progress_show");
  });
});

describe("reading progress in chat", () => {
  it("shows the latest progress to anyone", async () => {
    await send("进展 任务1:专精特新企业累计达到300家");
    const r = await send("进展 任务1", "stranger");
    expect(r.kind).toBe("progress_show");
    expect(r.markdown).toContain("最新进展(2024-07-01,张三·市经信局):专精特新企业累计达到300家");
    expect(r.markdown).toContain("- 专精特新企业:300家/600家 ▓▓▓▓▓░░░░░ 50% · 还差 300家 · 进度正常");
  });

  it("shows progress in the answering core's answers", async () => {
    await send("进展 任务1:专精特新企业累计达到300家");
    const r = await send("任务一的进展如何?", "stranger");
    expect(r.kind).not.toMatch(/^progress_/);
    expect(r.markdown).toContain("最新进展(2024-07-01,张三·市经信局):专精特新企业累计达到300家");
    expect(r.markdown).toContain("300家/600家 ▓▓▓▓▓░░░░░ 50%");
  });

  it("answers help", async () => {
    expect((await send("进展帮助")).markdown).toContain("撤销 #12");
  });

  it("passes questions on to the answering core", async () => {
    const r = await send("任务一谁牵头?");
    expect(r.kind).not.toMatch(/^progress_/);
  });
});
