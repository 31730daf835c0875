// The dry run of an import, row by row: what each row would store (bound target, value, day, reporter) or why it
// stores only text, and which rows change nothing. Pure: text out.
import type { ResponsibilityMatrix } from "../plan/schema.js";
import { describeBinding } from "./bind.js";
import type { ImportCheck, PlannedRow, SheetSummary } from "./import.js";

type Checked = Extract<ImportCheck, { ok: true }>;

function sheetLine(s: SheetSummary): string {
  const parts = [`表头在第 ${s.headerRow} 行`];
  if (s.context.department) parts.push(`填报单位 ${s.context.department}(表头上方)`);
  if (s.context.asOfText) parts.push(`${s.context.asOfText}(表头上方)`);
  if (s.context.reporter) parts.push(`填报人 ${s.context.reporter}(表格上下方)`);
  if (s.skippedColumns.length > 0) parts.push(`不存储的列:${s.skippedColumns.join("、")}`);
  return `${s.sheet ? `工作表“${s.sheet}”` : "表格"}:${parts.join(";")}`;
}

function taskName(plans: readonly ResponsibilityMatrix[], plan: string, no: number): string {
  const task = plans.find((p) => p.slug === plan)?.tasks.find((t) => t.no === no);
  return task ? `任务${no}「${task.title}」` : `任务${no}`;
}

function rowLine(r: PlannedRow, plans: readonly ResponsibilityMatrix[]): string[] {
  const at = `  第 ${r.row} 行`;
  if (r.action === "unchanged") return [`${at} 不变(#${r.recordId} 与导出时相同)`];
  if (r.action === "already-imported") return [`${at} 已导入过,跳过`];
  const verb = r.action === "add" ? "新增" : r.action === "correct" ? `更正 #${r.recordId}` : `撤销 #${r.recordId}`;
  const f = r.fields;
  if (!f) return [];
  const who = [
    `填报人 ${f.reporterName ?? f.reporterId}${f.reporterFrom === "importer" ? "(表中未写明,记为导入人)" : ""}`,
    f.department ?? "",
  ].filter((s) => s !== "");
  const day = `${f.asOf}${f.asOfFrom === "sheet" ? "(表头上方的截至日期)" : f.asOfFrom === "filed" ? "(填报日期)" : ""}`;
  return r.entries.map(({ record, binding }) => {
    const figure =
      record.kind === "retraction"
        ? "撤销"
        : binding?.bound
          ? describeBinding(binding)
          : `仅文字(${binding && !binding.bound && binding.reason ? binding.reason : "本任务没有量化指标"})`;
    return `${at} ${verb} → ${taskName(plans, record.plan, record.taskNo)} · ${figure} · ${day} · ${who.join(" · ")}`;
  });
}

/** Each sheet (where its header is, what was read around it), each row when `rows` (the dry run), and the totals. */
export function describeImport(check: Checked, plans: readonly ResponsibilityMatrix[], rows = true): string {
  const lines: string[] = [];
  for (const s of check.sheets) {
    lines.push(sheetLine(s));
    const ofSheet = check.rows.filter((x) => x.sheet === s.sheet);
    if (rows) for (const r of ofSheet.filter((x) => x.action !== "not-filled")) lines.push(...rowLine(r, plans));
    // a template lists every task; the rows not reported this time are one line, not one each
    const blank = ofSheet.filter((x) => x.action === "not-filled").map((x) => x.row);
    if (rows && blank.length > 0) lines.push(`  第 ${blank.join("、")} 行 未填写(没有完成值和进展),跳过`);
  }
  const count = (a: PlannedRow["action"]) => check.rows.filter((r) => r.action === a).length;
  const added = check.rows.filter((r) => r.action === "add").reduce((n, r) => n + r.entries.length, 0);
  lines.push(
    `合计:新增 ${added} 条、更正 ${count("correct")} 条、撤销 ${count("retract")} 条;${count("unchanged")} 行不变,${count("already-imported")} 行已导入过,${count("not-filled")} 行未填写`,
  );
  return lines.join("\n");
}
