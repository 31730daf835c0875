// Validates an imported matrix without ever aborting on one item: what cannot be read is dropped with a warning that
// names its line, and what still fails the schema is reported in plain Chinese by line and field, never as a zod dump.
import type { z } from "zod";
import { ResponsibilityMatrix, type SourceWarning } from "../schema.js";

/** An import that cannot produce a valid matrix; message is Chinese and names the line and field at fault. */
export class PlanImportError extends Error {
  constructor(
    message: string,
    /** 1-based source line of the first fault, when one is known */
    readonly line?: number,
  ) {
    super(message);
    this.name = "PlanImportError";
  }
}

const FIELD_NAMES: Record<string, string> = {
  metric: "指标名称",
  value: "目标值",
  valueText: "目标值原文",
  unit: "单位",
  year: "年份",
  comparison: "比较方式",
  sentence: "原文句子",
  title: "标题",
  label: "编号",
  lead: "牵头单位",
  partners: "配合单位",
  line: "行号",
  slug: "计划代号",
  issuedOn: "印发日期",
  deadline: "完成时限",
  id: "编号",
};

interface RawTarget {
  metric?: unknown;
  sentence?: unknown;
  value?: unknown;
  valueText?: unknown;
}
interface RawTask {
  no?: number;
  title?: unknown;
  line?: number;
  sentences?: unknown;
  targets?: RawTarget[];
}
interface RawMatrix {
  tasks?: RawTask[];
  goals?: { targets?: RawTarget[] };
  warnings?: SourceWarning[];
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/**
 * Keeps every item: a task without a readable title is named by its first sentence, a target without a subject or
 * with an unreadable figure is left out of the matrix, and each is said in a not_understood warning on its line.
 */
function keepWhatCanBeRead(raw: RawMatrix): void {
  const warnings = raw.warnings ?? [];
  const note = (line: number, excerpt: string, message: string, taskNo?: number) =>
    warnings.push({
      code: "not_understood",
      line,
      excerpt,
      message,
      confirmedByHuman: false,
      ...(taskNo !== undefined ? { taskNo } : {}),
    });
  const screenTargets = (targets: RawTarget[] | undefined, line: number, owner: string, taskNo: number) =>
    (targets ?? []).filter((t) => {
      if (text(t.metric) !== "" && text(t.sentence) !== "" && (t.value === null || Number.isFinite(t.value)))
        return true;
      const figure = text(t.valueText);
      note(
        line,
        text(t.sentence) || figure,
        `第${line}行${owner}中的数字“${figure}”未能读出它衡量的对象,未收入目标,请人工核对后补充`,
        taskNo,
      );
      return false;
    });
  if (raw.goals) raw.goals.targets = screenTargets(raw.goals.targets, warnings[0]?.line ?? 1, "总体目标", 0);
  for (const task of raw.tasks ?? []) {
    const line = task.line ?? 1;
    if (text(task.title) === "") {
      const first = Array.isArray(task.sentences) ? text(task.sentences[0]) : "";
      task.title = first.replace(/[。;；]$/, "").slice(0, 40) || `第${task.no ?? "?"}项任务`;
      note(line, String(task.title), `第${line}行的任务未能读出标题,暂以“${task.title}”称呼`, task.no);
    }
    task.targets = screenTargets(task.targets, line, `任务“${text(task.title)}”`, task.no ?? 0);
  }
}

/** Where an issue sits, in words: 第12行 任务“人才公寓”的第1个目标的指标名称. */
function describeIssue(raw: RawMatrix, issue: z.core.$ZodIssue): { where: string; line?: number } {
  const path = issue.path.map(String);
  const field = FIELD_NAMES[path.at(-1) ?? ""] ?? path.at(-1) ?? "(整体)";
  if (path[0] === "tasks") {
    const task = raw.tasks?.[Number(path[1])];
    const line = task?.line;
    const at = line ? `第${line}行` : `第${Number(path[1]) + 1}项任务`;
    const owner = `任务“${text(task?.title) || "(无标题)"}”`;
    if (path[2] === "targets") return { where: `${at} ${owner}的第${Number(path[3]) + 1}个目标的${field}`, line };
    return { where: `${at} ${owner}的${field}`, line };
  }
  if (path[0] === "goals") return { where: `总体目标的第${Number(path[2] ?? 0) + 1}个目标的${field}` };
  if (path[0] === "warnings") {
    const w = raw.warnings?.[Number(path[1])];
    return { where: `第${w?.line ?? "?"}行的提示的${field}`, ...(w?.line ? { line: w.line } : {}) };
  }
  return { where: `计划的${field}` };
}

function plainReason(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small") return "不能为空";
  if (issue.code === "invalid_type") return "缺失或类型不对";
  if (issue.code === "invalid_format") return "格式不对";
  if (issue.code === "invalid_value") return "不是允许的取值";
  return "不符合要求";
}

/** The matrix, valid; or a PlanImportError naming, in Chinese, every line and field that is not. */
export function validateMatrix(raw: Record<string, unknown>): ResponsibilityMatrix {
  keepWhatCanBeRead(raw as RawMatrix);
  const parsed = ResponsibilityMatrix.safeParse(raw);
  if (parsed.success) return parsed.data;
  const faults = parsed.error.issues.map((issue) => ({ ...describeIssue(raw as RawMatrix, issue), issue }));
  const lines = faults.map((f) => `${f.where}${plainReason(f.issue)}`);
  throw new PlanImportError(`计划导入失败,共${faults.length}处问题:\n${lines.join("\n")}`, faults[0]?.line);
}
