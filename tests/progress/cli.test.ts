import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import { runCli, storedRecords } from "./cli-harness.js";
import { type RuntimeFixture, runtimeFixture } from "./runtime-fixture.js";

let fx: RuntimeFixture;
const run = (...args: string[]) => runCli(fx, ...args);
const count = () => storedRecords(fx).length;

beforeEach(() => {
  fx = runtimeFixture();
  process.env.PLANBOT_KNOWLEDGE = fx.knowledge;
});
afterEach(() => {
  delete process.env.PLANBOT_KNOWLEDGE;
  fx.cleanup();
});

describe("planbot progress", () => {
  it("adds, lists and exports", async () => {
    const added = await run(
      "progress",
      "add",
      "--task",
      "任务一",
      "--text",
      "专精特新企业累计达到300家",
      "--by",
      "zhang",
      "--date",
      "2024-06-30",
    );
    expect(added).toBe("recorded #1: demo-2023-2025 任务1 · 专精特新企业 = 300家 · 2024-06-30\n");
    await run(
      "progress",
      "add",
      "--task",
      "1",
      "--metric",
      "上市公司",
      "--value",
      "3",
      "--by",
      "临时",
      "--date",
      "2024-06-30",
    );
    const listed = await run("progress", "list", "--task", "1");
    expect(listed.split("\n")[0]).toBe(
      "#1\t2024-06-30\tdemo-2023-2025\t任务1\tt1-1=300家\t张三\t专精特新企业累计达到300家",
    );
    expect(listed).toContain("t1-2=3家\t临时");
    const file = join(fx.dir, "out.csv");
    expect(await run("progress", "export", file)).toBe(`exported 2 records to ${file}\n`);
    expect(readFileSync(file, "utf8")).toContain("专精特新企业累计达到300家");
  });

  it("imports all or nothing and names the bad rows", async () => {
    const file = join(fx.dir, "in.csv");
    writeFileSync(file, "task,text,reporter,date\n1,走访企业,zhang,2024-06-01\n1,走访企业,zhang,2024-13-01\n");
    await expect(run("progress", "import", file)).rejects.toThrow(
      /nothing imported, 1 problem\(s\):\n第 3 行 \[date\]/,
    );
    expect(count()).toBe(0);
    writeFileSync(file, "task,text,reporter,date\n1,走访企业,zhang,2024-06-01\n3,完成评估,zhang,2024-06-02\n");
    expect(await run("progress", "import", file)).toMatch(new RegExp(`imported 2 records from ${file}\n$`));
    expect(count()).toBe(2);
  });

  it("refuses a task reference it cannot read, naming it, and stores nothing", async () => {
    await expect(run("progress", "add", "--task", "2-3", "--text", "累计达到300家")).rejects.toThrow(/“2-3”/);
    expect(count()).toBe(0);
  });

  it("lists the audit trail and only its refusals", async () => {
    await run("progress", "add", "--task", "1", "--text", "专精特新企业累计达到300家", "--date", "2024-06-30");
    expect(await run("progress", "audit", "--refused")).toBe("no refusals\n");
    const db = openDatabase(fx.db);
    createProgressStore(db).recordRefusal({
      actor: "wecom:li",
      via: "chat:wecom-bot",
      detail: "撤销 #1\n# 伪造",
      reason: "无权",
    });
    db.close();
    const refused = (await run("progress", "audit", "--refused")).trim().split("\n");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/\trefuse\twecom:li\tchat:wecom-bot\t撤销 #1 # 伪造\t无权$/);
    expect(await run("progress", "audit")).toMatch(/\tadd\tcli:.*\tcli\t#1\n$/);
  });

  it("adds a record per target when the text reports several", async () => {
    const added = await run("progress", "add", "--task", "1", "--text", "专精特新企业累计达到300家,上市公司5家");
    expect(added.split("\n")).toEqual([
      expect.stringMatching(/^recorded #1: demo-2023-2025 任务1 · 专精特新企业 = 300家 · \d{4}-\d{2}-\d{2}$/),
      expect.stringMatching(/^recorded #2: demo-2023-2025 任务1 · 上市公司 = 5家 · /),
      "",
    ]);
    expect(count()).toBe(2);
  });
});

describe("planbot progress and the binding rule (issue 17)", () => {
  it("keeps a figure that names another quantity as text and says how to bind it; --metric is taken as given", async () => {
    const kept = await run(
      "progress",
      "add",
      "--task",
      "1",
      "--text",
      "孵化器在孵企业达到150家",
      "--date",
      "2024-06-30",
    );
    expect(kept).toContain("text only (150家说的是“孵化器在孵企业”");
    expect(kept).toContain("--metric <target> --value <n> (t1-1 专精特新企业、t1-2 上市公司)");
    const given = await run("progress", "add", "--task", "1", "--text", "孵化器在孵企业达到150家", "--metric", "t1-1");
    expect(given).toContain("专精特新企业 = 150家");
  });

  it("refuses a value without a metric when the text names another quantity", async () => {
    await expect(
      run("progress", "add", "--task", "4", "--text", "新建标准厂房12个", "--value", "12", "--date", "2024-06-30"),
    ).rejects.toThrow(/说的不是指标“产业园区”.*t4-1/);
    expect(count()).toBe(0);
  });

  it("lists the records bound by rule, with what the current rule binds, and corrects one", async () => {
    // A record stored before the way of binding was kept: a target, no bound_by.
    const db = openDatabase(fx.db);
    createProgressStore(db).add(
      {
        plan: "demo-2023-2025",
        taskNo: 1,
        targetId: "t1-1",
        value: 150,
        unit: "家",
        text: "孵化器在孵企业达到150家",
        reporterId: "zhang",
        source: "chat",
        asOf: "2024-06-30",
      },
      { actor: "test", via: "test" },
    );
    db.close();
    await run("progress", "add", "--task", "1", "--text", "上市公司达到5家", "--date", "2024-06-30");
    await run("progress", "add", "--task", "1", "--metric", "t1-1", "--value", "300", "--date", "2024-06-30");
    const listed = (await run("progress", "list", "--bound-by-rule")).split("\n");
    expect(listed[0]).toBe(
      "#1\t2024-06-30\tdemo-2023-2025\t任务1\tt1-1=150家\tbound: not recorded\tnow: text only (150家说的是“孵化器在孵企业”,不是本任务的指标(专精特新企业、上市公司))\t孵化器在孵企业达到150家",
    );
    expect(listed[1]).toBe("#2\t2024-06-30\tdemo-2023-2025\t任务1\tt1-2=5家\tbound: named\tnow: same\t上市公司达到5家");
    expect(listed).toHaveLength(3); // the explicit #3 is not listed
    await run("progress", "add", "--task", "1", "--supersedes", "1", "--text", "孵化器在孵企业达到150家");
    expect(await run("progress", "list", "--bound-by-rule")).toContain("superseded by #4");
  });
});

describe("planbot digest", () => {
  it("says a --date that is no calendar day is invalid", async () => {
    await expect(run("digest", "--date", "2026-13-01")).rejects.toThrow(/--date 2026-13-01.*不存在的日期/);
    await expect(run("digest", "--date", "2026-02-30")).rejects.toThrow(/--date 2026-02-30/);
  });

  it("prints the digest for a fixed day", async () => {
    const text = await run("digest", "--date", "2024-07-01", "--plan", "demo-2023-2025");
    expect(text.split("\n")[0]).toMatch(/^----- message 1\/1 \(\d+ bytes\) -----$/);
    expect(text).toContain("## 示范行动方案(2023—2025年) · 每日进展 2024-07-01");
    expect(text).toContain("- 任务4「建设产业园区」· 从未填报 · 牵头:市经信局 <@zhang>");
  });
});
