// Issue 14: export, edit and import again must not corrupt the store; importing one file twice changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../src/progress/dates.js";
import { todayInShanghai } from "../../src/runtime.js";
import { runCli, storedRecords } from "./cli-harness.js";
import { type RuntimeFixture, runtimeFixture } from "./runtime-fixture.js";

let fx: RuntimeFixture;
const run = (...args: string[]) => runCli(fx, ...args);
const audit = { actor: "test", via: "test" };

/** #1 t1-1 300 corrected by #3 (320); #2 t1-2 5 retracted by #4; #5 a text-only report on task 3. */
function seed(): void {
  const rt = fx.open();
  const base = { plan: "demo-2023-2025", reporterId: "zhang", reporterName: "张三", source: "chat" as const };
  try {
    rt.store.add(
      { ...base, taskNo: 1, targetId: "t1-1", value: 300, unit: "家", text: "专精特新企业300家", asOf: "2024-05-31" },
      audit,
    );
    rt.store.add(
      { ...base, taskNo: 1, targetId: "t1-2", value: 5, unit: "家", text: "上市公司5家", asOf: "2024-05-31" },
      audit,
    );
    rt.store.add(
      {
        ...base,
        taskNo: 1,
        targetId: "t1-1",
        value: 320,
        unit: "家",
        text: "专精特新企业320家",
        asOf: "2024-05-31",
        supersedes: 1,
      },
      audit,
    );
    rt.store.add({ ...base, taskNo: 1, text: "撤销", asOf: "2024-05-31", supersedes: 2, kind: "retraction" }, audit);
    rt.store.add({ ...base, taskNo: 3, text: "完成营商环境评估", asOf: "2024-06-01" }, audit);
  } finally {
    rt.close();
  }
}

function live(): number[] {
  const rt = fx.open();
  try {
    return [1, 2, 3, 4].flatMap((no) => rt.store.forTask("demo-2023-2025", no).map((r) => r.id)).sort();
  } finally {
    rt.close();
  }
}

async function editXlsx(file: string, id: number, column: string, value: string | number): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  sheet.eachRow((row) => {
    if (row.getCell(1).value === id) row.getCell(headers.indexOf(column)).value = value;
  });
  await book.xlsx.writeFile(file);
}

beforeEach(() => {
  fx = runtimeFixture();
  process.env.PLANBOT_KNOWLEDGE = fx.knowledge;
  seed();
});
afterEach(() => {
  delete process.env.PLANBOT_KNOWLEDGE;
  fx.cleanup();
});

describe("export, edit, import", () => {
  it.each(["csv", "xlsx"])(
    "an untouched .%s export imports back as a no-op, retractions and corrections kept",
    async (ext) => {
      const before = storedRecords(fx);
      const tomorrow = addDays(todayInShanghai(), 1);
      const digestBefore = await run("digest", "--date", tomorrow, "--plan", "demo-2023-2025");
      const file = join(fx.dir, `all.${ext}`);
      await run("progress", "export", file);
      expect(await run("progress", "import", file)).toContain("imported 0 records");
      expect(await run("progress", "import", file)).toContain("imported 0 records");
      expect(storedRecords(fx)).toEqual(before);
      expect(live()).toEqual([3, 5]);
      // the digest never lists a record twice (it listed everything again, with "±0")
      expect(await run("digest", "--date", tomorrow, "--plan", "demo-2023-2025")).toBe(digestBefore);
    },
  );

  it("an edited csv row becomes a correction of its record, once", async () => {
    const file = join(fx.dir, "all.csv");
    await run("progress", "export", file);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^3,(.*),320,/m, "3,$1,350,"));
    expect(await run("progress", "import", file)).toContain("imported 1 records");
    const [correction] = storedRecords(fx).slice(5);
    expect(correction).toMatchObject({ id: 6, supersedes: 3, kind: "report", targetId: "t1-1", value: 350 });
    expect(await run("progress", "import", file)).toContain("imported 0 records");
    expect(live()).toEqual([5, 6]);
  });

  it("an edited xlsx row becomes a correction; setting its kind to retraction retracts it", async () => {
    const file = join(fx.dir, "all.xlsx");
    await run("progress", "export", file);
    await editXlsx(file, 5, "text", "完成营商环境评估,形成报告");
    await editXlsx(file, 3, "kind", "retraction");
    expect(await run("progress", "import", file)).toContain("imported 2 records");
    expect(
      storedRecords(fx)
        .slice(5)
        .map((r) => [r.supersedes, r.kind]),
    ).toEqual([
      [3, "retraction"],
      [5, "report"],
    ]);
    expect(live()).toEqual([7]);
    expect(await run("progress", "import", file)).toContain("imported 0 records");
  });

  it("a retracted record stays retracted: editing its row is refused, naming what retracted it", async () => {
    const file = join(fx.dir, "all.csv");
    await run("progress", "export", file);
    writeFileSync(file, readFileSync(file, "utf8").replace("上市公司5家", "上市公司6家"));
    await expect(run("progress", "import", file)).rejects.toThrow(/第 3 行 \[.*\]:#2 已被 #4 撤销/);
    expect(storedRecords(fx)).toHaveLength(5);
    expect(live()).toEqual([3, 5]);
  });

  it("refuses an edit of a retraction's own row", async () => {
    const file = join(fx.dir, "all.csv");
    await run("progress", "export", file);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^4,(.*),撤销,/m, "4,$1,撤销错了,"));
    await expect(run("progress", "import", file)).rejects.toThrow(/第 5 行 \[kind\]:#4 是撤销记录,不能修改/);
    expect(storedRecords(fx)).toHaveLength(5);
  });

  it("honours the supersedes column of a new row, and a new row imported twice is stored once", async () => {
    const file = join(fx.dir, "new.csv");
    writeFileSync(
      file,
      "task,metric,value,text,reporter,date,supersedes\n1,t1-1,330,专精特新企业330家,zhang,2024-05-31,3\n3,,,召开推进会,zhang,2024-06-15,\n",
    );
    expect(await run("progress", "import", file)).toContain("imported 2 records");
    expect(await run("progress", "import", file)).toContain("imported 0 records");
    expect(
      storedRecords(fx)
        .slice(5)
        .map((r) => [r.id, r.supersedes, r.value]),
    ).toEqual([
      [6, 3, 330],
      [7, null, null],
    ]);
  });
});

describe("an export from another database", () => {
  it("is refused by its rows' stored times, not taken as edits of this database's records with the same ids", async () => {
    const file = join(fx.dir, "other.csv");
    await run("progress", "export", file);
    writeFileSync(file, readFileSync(file, "utf8").replace(/(\d{4}-\d{2}-\d{2})T[\d:.]+Z/g, "$1T00:00:00.000Z"));
    await expect(run("progress", "import", file)).rejects.toThrow(
      /第 2 行 \[recorded_at\]:#1 在本库中记录于 .*,这一行来自另一个库的导出/,
    );
    expect(storedRecords(fx)).toHaveLength(5);
  });
});
