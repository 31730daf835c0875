// Pieces every answer is written from: a task's name, a target's figure, the plan's sentence quoted, defects flagged.
import { kindOf } from "../plan/departments.js";
import type { ResponsibilityMatrix, SourceWarning, Target, Task } from "../plan/schema.js";

export function taskLine(t: Task): string {
  return `${t.label}${t.title}`;
}

export function targetText(t: Target): string {
  const yearly = t.deadline?.text === "每年" && !t.metric.startsWith("每年");
  const year = t.year ? `到${t.year}年` : yearly ? "每年" : "";
  // A year read from a relative period (5年内) says how it was counted, so nobody takes it for the plan's words.
  const reading = t.yearReading ? `(${t.yearReading})` : "";
  if (t.value === null) {
    return `${t.metric}:${year}${t.comparison}?${t.unit}${reading} <font color="warning">⚠ 原文此处缺少数字(抓取缺字),目标值无法确定,请以正式文件为准</font>`;
  }
  return `${t.metric}:${year}${t.comparison}${t.valueText}${t.unit}${reading}${startOf(t)}`;
}

/** "(2023年为16%)": the level a target starts from, where the plan states it (由…提高到, an indicator's 基期值). */
function startOf(t: Target): string {
  if (!t.from) return "";
  return `(${t.from.year !== null ? `${t.from.year}年为` : "起点"}${t.from.valueText}${t.from.unit || t.unit})`;
}

export function warningsFor(plan: ResponsibilityMatrix, targets: Target[]): SourceWarning[] {
  return plan.warnings.filter((w) =>
    targets.some((t) => t.warnings.includes(w.code) && t.sentence.includes(w.excerpt.slice(0, 4))),
  );
}

export function renderWarnings(ws: SourceWarning[]): string[] {
  return ws
    .filter((w) => w.code !== "number_lost")
    .map((w) => `<font color="comment">注:${w.message}${w.confirmedByHuman ? "(已人工核对)" : ""}</font>`);
}

export function quotes(sentences: string[]): string[] {
  return [...new Set(sentences)].map((s) => `> 原文:“${s}”`);
}

/** The collective units among some (各部门, 各社区管委会): the importer's own test of a group's name. */
export function collectives(units: string[]): string[] {
  return units.filter((u) => kindOf(u) === "group");
}

/** “各部门”“各社区管委会” */
export function quoted(names: string[]): string {
  return names.map((n) => `“${n}”`).join("");
}

/** "(牵头1个、协同7个)": a collective partner (各部门) counts as one, and is said to. */
export function unitCount(task: Task): string {
  const collective = collectives(task.partners);
  const note = collective.length > 0 ? `,${quoted(collective)}按1个计` : "";
  return `(牵头${task.lead.length}个、协同${task.partners.length}个${note})`;
}
