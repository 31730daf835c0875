import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkImport, describeProblems, EXPORT_HEADERS, exportRows, importTable } from "../../src/progress/import.js";
import { parseCsv, readTableFile, writeTable } from "../../src/progress/table-io.js";
import type { Runtime } from "../../src/runtime.js";
import { type RuntimeFixture, runtimeFixture } from "./runtime-fixture.js";

let fx: RuntimeFixture;
let rt: Runtime;
const audit = { actor: "test", via: "test" };
const deps = () => ({ plans: rt.plans.plans, answerer: rt.answerer, today: "2024-07-01" });

beforeEach(() => {
  fx = runtimeFixture();
  rt = fx.open();
});
afterEach(() => {
  rt.close();
  fx.cleanup();
});

describe("import", () => {
  it("stores every row of a good file, with Chinese headers", () => {
    const table = parseCsv(
      "任务,指标,数值,进展,填报人,部门,日期\n1,专精特新企业,300,累计达到300家,zhang,市经信局,2024-06-30\n3,,,完成评估,zhang,,2024-06-01\n",
    );
    const result = importTable(table, rt.store, deps(), audit);
    expect(result.ok).toBe(true);
    expect(rt.store.list().map((r) => [r.taskNo, r.targetId, r.value, r.source])).toEqual([
      [1, "t1-1", 300, "import"],
      [3, null, null, "import"],
    ]);
  });

  it("gives a row whose text reports several targets (no metric or value) a record per target", () => {
    const table = parseCsv("任务,进展,填报人,日期\n1,专精特新企业累计达到300家、上市公司5家,zhang,2024-06-30\n");
    expect(importTable(table, rt.store, deps(), audit).ok).toBe(true);
    expect(rt.store.list().map((r) => [r.targetId, r.value, r.text])).toEqual([
      ["t1-1", 300, "专精特新企业累计达到300家、上市公司5家"],
      ["t1-2", 5, "专精特新企业累计达到300家、上市公司5家"],
    ]);
  });

  it("binds a row without a metric only to the target its text names; a metric column is taken as given", () => {
    const table = parseCsv(
      [
        "任务,指标,进展,填报人,日期",
        "1,,孵化器在孵企业达到150家,zhang,2024-06-30",
        "1,,上市公司达到5家,zhang,2024-06-30",
        "1,t1-1,孵化器在孵企业达到150家,zhang,2024-06-30",
      ].join("\n"),
    );
    expect(importTable(table, rt.store, deps(), audit).ok).toBe(true);
    expect(rt.store.list().map((r) => [r.targetId, r.value, r.boundBy])).toEqual([
      [null, null, null],
      ["t1-2", 5, "named"],
      ["t1-1", 150, "explicit"],
    ]);
  });

  it("stores nothing when one row is bad and names every bad row, column and reason", () => {
    const table = parseCsv(
      [
        "task,metric,value,text,reporter,date",
        "1,t1-1,300,累计达到300家,zhang,2024-06-30",
        "1,t1-1,3o0,累计达到300家,zhang,2024-06-30",
        "2,t1-1,1,x,zhang,2024-06-30",
        "99,,,x,zhang,2024-06-30",
        "1,,,x,zhang,2024-02-30",
        "1,,,x,,2024-06-01",
      ].join("\n"),
    );
    const result = importTable(table, rt.store, deps(), audit);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "value"],
      [4, "metric"],
      [5, "task"],
      [6, "date"],
      [7, "reporter"],
    ]);
    expect(describeProblems(result.problems)).toContain("第 3 行 [value]:“3o0”不是数字");
    expect(rt.store.count()).toBe(0);
  });

  it("rejects unknown and missing columns before reading rows", () => {
    const result = importTable(parseCsv("task,txet,reporter\n1,x,zhang\n"), rt.store, deps(), audit);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { row: 1, column: "txet", reason: "不认识的列名" },
      { row: 1, column: "date", reason: "缺少必需的列(date / 日期 / 截至日期)" },
      { row: 1, column: "text", reason: "缺少进展内容列(text / 进展)" },
    ]);
  });

  it.each(["csv", "xlsx"])("exports to .%s and reads the export back as unchanged rows", async (ext) => {
    importTable(
      parseCsv(
        "task,metric,value,text,reporter,date\n1,t1-1,300,累计达到300家,zhang,2024-06-30\n3,,,完成评估,zhang,2024-06-01",
      ),
      rt.store,
      deps(),
      audit,
    );
    const file = join(fx.dir, `export.${ext}`);
    await writeTable(file, EXPORT_HEADERS, exportRows(rt.store.list(), rt.plans.plans));
    const [table] = (await readTableFile(file)).tables;
    if (!table) throw new Error("no table");
    expect(table.headers).toEqual(EXPORT_HEADERS);
    expect(table.rows[0]?.cells).toMatchObject({
      metric: "t1-1",
      metric_name: "专精特新企业",
      value: "300",
      task: "1",
    });
    const again = checkImport(table, "import", { ...deps(), known: rt.store });
    expect(again.ok && again.rows.map((r) => [r.action, r.recordId])).toEqual([
      ["unchanged", 1],
      ["unchanged", 2],
    ]);
  });
});

describe("runtime", () => {
  it("loads the sample (示例) on request, once", () => {
    rt.close();
    rt = fx.open({ PLANBOT_LOAD_SAMPLE: "1" });
    expect(rt.store.count()).toBe(2);
    expect(rt.store.list()[0]?.text).toContain("示例");
    rt.close();
    rt = fx.open({ PLANBOT_LOAD_SAMPLE: "true" });
    expect(rt.store.count()).toBe(2);
  });

  it("does not load the sample unless asked", () => {
    expect(rt.store.count()).toBe(0);
  });

  it("routes chat progress commands with the reporters file from the knowledge folder", async () => {
    const r = await rt.handleMessage({
      text: "进展 任务1:专精特新企业累计达到120家",
      userid: "zhang",
      channel: "simulator",
    });
    expect(r.kind).toBe("progress_recorded");
    const refused = await rt.handleMessage({
      text: "进展 任务1:累计达到120家",
      userid: "nobody",
      channel: "simulator",
    });
    expect(refused.markdown).toContain("王五(wang)");
  });
});
