// planbot import and planbot matrix as a user runs them: a real child process, its output and exit code.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "planbot-cli-import-"));
const env = { ...process.env, PLANBOT_KNOWLEDGE: join(dir, "knowledge"), LOG_LEVEL: "silent" };
const plans = "tests/fixtures/plans";

function planbot(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { env, encoding: "utf8" });
}

describe("planbot import", () => {
  it("imports a Word plan, saying the format, each task's lead and 完成时限, and what the table changed", () => {
    const r = planbot([
      "import",
      `${plans}/city-trade-workplan/city-trade-workplan.docx`,
      "--out",
      join(dir, "knowledge", "jiangzhou"),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("imported “江州市商务局2025年外贸稳增长工作方案” (docx)");
    expect(r.stdout).toContain("  4. 强化金融支持 — 牵头 市金融工作局 — 完成时限 2025年9月底前");
    expect(r.stdout).toContain("  * 附件分工表第6行“提升通关便利化水平”与正文5.不一致");
  });

  it("reads a GB18030 text plan with its table from a separate file, and says how each was decoded", () => {
    const r = planbot([
      "import",
      `${plans}/district-innovation-table/district-innovation-table-gbk.txt`,
      "--matrix",
      `${plans}/district-innovation-table/task-table-gbk.csv`,
      "--out",
      join(dir, "knowledge", "yunxi"),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("  encoding district-innovation-table-gbk.txt: gb18030");
    expect(r.stdout).toContain("  encoding task-table-gbk.csv: gb18030");
    expect(r.stdout).toContain("  (四) 集聚创新人才 — 牵头 区委人才办 — 完成时限 2026年6月底前");
  });
});

describe("planbot matrix", () => {
  it("exports a sheet, takes it back untouched without a change, and refuses a bad one naming the cell", async () => {
    planbot([
      "import",
      `${plans}/district-innovation-table/district-innovation-table.pdf`,
      "--out",
      join(dir, "knowledge", "pdfplan"),
    ]);
    const sheet = join(dir, "pdfplan.xlsx");
    expect(planbot(["matrix", "export", "pdfplan", sheet]).stdout).toMatch(/^已导出“云溪区科技创新能力提升行动计划/);
    const untouched = planbot(["matrix", "import", "pdfplan", sheet, "--by", "王审核"]);
    expect([untouched.status, untouched.stdout]).toEqual([0, "没有改动:表中的值与当前矩阵相同,matrix.json 未变。\n"]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(sheet);
    (book.getWorksheet("任务") as ExcelJS.Worksheet).getCell("D3").value = "";
    await book.xlsx.writeFile(sheet);
    const bad = planbot(["matrix", "import", "pdfplan", sheet, "--by", "王审核"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      "未导入:1 个格子有问题,什么都没有写入。\n  “任务”表 第3行 D(牵头单位)列:牵头单位不能为空\n",
    );
  });

  it("a reviewed value is kept by the next import of the plan, which says so", async () => {
    const html = `${plans}/district-innovation-table/district-innovation-table.html`;
    planbot(["import", html, "--out", join(dir, "knowledge", "kept")]);
    const sheet = join(dir, "kept.xlsx");
    planbot(["matrix", "export", "kept", sheet]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(sheet);
    (book.getWorksheet("任务") as ExcelJS.Worksheet).getCell("D3").value = "区发改委";
    await book.xlsx.writeFile(sheet);
    const reviewed = planbot(["matrix", "import", "kept", sheet, "--by", "王审核"]);
    expect(reviewed.stdout).toContain("  任务2的牵头单位改为“区发改委”");
    const again = planbot(["import", html, "--out", join(dir, "knowledge", "kept")]);
    expect(again.stdout).toContain("  (二) 建设创新平台 — 牵头 区发改委 — 完成时限 2026年底前");
    expect(again.stdout).toContain("  1 reviewed values kept (review.yaml)");
  });
});
