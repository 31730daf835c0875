// Writes a progress sheet for a department to fill in: its tasks and targets pre-filled under a title and a 填报单位
// line, with the columns the import reads, so that the filled sheet imports as it is.
import { departmentCovered } from "../../auth/permission.js";
import type { DepartmentDirectory, ResponsibilityMatrix, Task } from "../../plan/schema.js";

export interface TemplateOptions {
  plans: readonly ResponsibilityMatrix[];
  directory: DepartmentDirectory;
  /** only the tasks this department leads or partners on; every task without it */
  department?: string;
}

export interface TemplateRow {
  plan: string;
  task: Task;
  metric: string;
  target: string;
  unit: string;
}

/** The rows a template holds: one per target of each task, one for a task without targets. */
export function templateRows(opts: TemplateOptions): TemplateRow[] {
  const { department } = opts;
  return opts.plans.flatMap((plan) =>
    plan.tasks
      .filter((t) => !department || departmentCovered(department, [...t.lead, ...t.partners], opts.directory))
      .flatMap((task) =>
        task.targets.length === 0
          ? [{ plan: plan.slug, task, metric: "", target: "", unit: "" }]
          : task.targets.map((t) => ({
              plan: plan.slug,
              task,
              metric: t.metric,
              // a target whose figure the plan does not give shows none rather than "新增个"
              target: t.valueText === "" ? "" : `${t.year ? `${t.year}年` : ""}${t.comparison}${t.valueText}${t.unit}`,
              unit: t.unit,
            })),
      ),
  );
}

export async function writeTemplate(file: string, opts: TemplateOptions): Promise<number> {
  const rows = templateRows(opts);
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("进展填报");
  const several = opts.plans.length > 1;
  const headers = [
    "序号",
    ...(several ? ["计划"] : []),
    "任务",
    "指标",
    "目标值",
    "单位",
    "完成值",
    "进展情况",
    "填报人",
    "截至日期",
    "备注",
  ];
  const title = several ? "重点任务推进情况表" : `${opts.plans[0]?.title ?? ""}重点任务推进情况表`;
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([`填报单位:${opts.department ?? ""}`]);
  sheet.addRow([]);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  rows.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      ...(several ? [r.plan] : []),
      `任务${r.task.no}:${r.task.title}`,
      r.metric,
      r.target,
      r.unit,
      "",
      "",
      "",
      "",
      "",
    ]);
  });
  const dateColumn = headers.indexOf("截至日期") + 1;
  sheet.getColumn(dateColumn).numFmt = "yyyy-mm-dd";
  sheet.getColumn(headers.indexOf("任务") + 1).width = 40;
  sheet.getColumn(headers.indexOf("进展情况") + 1).width = 50;
  sheet.getColumn(headers.indexOf("目标值") + 1).width = 18;
  sheet.views = [{ state: "frozen", ySplit: 4 }];
  await book.xlsx.writeFile(file);
  return rows.length;
}
