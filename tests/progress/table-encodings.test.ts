// Issue 14: tables as Excel saves them: GBK and UTF-8-with-BOM CSVs, Chinese numerals, and damaged files refused plainly.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, storedRecords } from "./cli-harness.js";
import { type RuntimeFixture, runtimeFixture } from "./runtime-fixture.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "progress-sheets");
let fx: RuntimeFixture;
const run = (...args: string[]) => runCli(fx, ...args);

beforeEach(() => {
  fx = runtimeFixture();
  process.env.PLANBOT_KNOWLEDGE = fx.knowledge;
});
afterEach(() => {
  delete process.env.PLANBOT_KNOWLEDGE;
  fx.cleanup();
});

describe("CSV encodings", () => {
  it.each([
    ["excel-gbk.csv", "GB18030"],
    ["excel-utf8-bom.csv", "UTF-8 (BOM)"],
  ])("imports %s as Excel saved it and says it read %s", async (file, encoding) => {
    const out = await run("progress", "import", join(FIXTURES, file));
    expect(out).toContain(`按 ${encoding} 编码读取`);
    expect(storedRecords(fx).map((r) => [r.taskNo, r.targetId, r.value, r.text, r.reporterId, r.asOf])).toEqual([
      [1, "t1-2", 12, "上市公司累计达到十二家", "zhang", "2025-06-30"],
      [3, null, null, "完成营商环境评估报告", "zhang", "2025-06-30"],
    ]);
  });

  it("refuses a Big5 CSV, which GB18030 would read as other characters, rather than store it garbled", async () => {
    await expect(run("progress", "import", join(FIXTURES, "excel-big5.csv"))).rejects.toThrow(
      "文件“excel-big5.csv”的编码无法识别",
    );
    expect(storedRecords(fx)).toEqual([]);
  });

  it("refuses a file that is neither UTF-8 nor GB18030, naming it, and stores nothing", async () => {
    await expect(run("progress", "import", join(FIXTURES, "undecodable.csv"))).rejects.toThrow(
      "文件“undecodable.csv”的编码无法识别(既不是 UTF-8 也不是 GBK/GB18030",
    );
    expect(storedRecords(fx)).toEqual([]);
  });
});

describe("damaged workbooks", () => {
  it("names the file and says what to do, instead of the zip reader's message", async () => {
    const error = await run("progress", "import", join(FIXTURES, "corrupt.xlsx")).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("文件“corrupt.xlsx”不是有效的 Excel 工作簿(.xlsx),无法打开");
    expect((error as Error).message).not.toMatch(/zip|End of data/i);
  });
});

describe("Chinese numerals", () => {
  it("reads 十二 in a value column as 12, as the chat reads 十家", async () => {
    const file = join(fx.dir, "numerals.csv");
    writeFileSync(
      file,
      "task,metric,value,text,reporter,date\n1,t1-2,十二,上市公司,zhang,2025-06-30\n4,,三个,新增产业园区,zhang,2025-06-30\n",
    );
    await run("progress", "import", file);
    expect(storedRecords(fx).map((r) => [r.targetId, r.value])).toEqual([
      ["t1-2", 12],
      ["t4-1", 3],
    ]);
  });
});
