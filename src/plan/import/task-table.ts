// Reads a responsibility table (重点任务分工表: 序号 / 重点任务 / 具体内容或目标 / 牵头单位 / 配合单位 / 完成时限),
// from a document's appendix or a separate spreadsheet, into rows the matrix can take.
import type { Deadline } from "../schema.js";
import { splitDepartments } from "./attribution.js";
import { readDeadline } from "./deadlines.js";

export interface TaskRow {
  /** 1-based row in the table as printed, header included (what a person looks for) */
  row: number;
  no: string;
  task: string;
  content: string;
  lead: string[];
  partners: string[];
  deadline?: Deadline;
  /** the row's cells joined, as printed: what the import quotes as the attribution */
  printed: string;
}

export interface TaskTable {
  rows: TaskRow[];
  /** what the reader had to decide (a 责任单位 column read with the first-listed rule, rows it skipped) */
  notes: string[];
}

type Role = "no" | "task" | "content" | "lead" | "partners" | "shared" | "deadline";
const ROLES: [Role, RegExp][] = [
  ["no", /^(序号|编号|序)$/],
  ["lead", /牵头|主责/],
  ["partners", /配合|协同|参与|协办/],
  ["shared", /责任单位|责任部门|责任主体/],
  ["deadline", /时限|完成时间|时间节点|进度安排|期限/],
  ["task", /重点任务|主要任务|任务名称|工作任务|重点工作|工作事项|^任务$|^事项$/],
  ["content", /具体|内容|目标|措施|举措/],
];

/** "排在首位的为牵头单位" and its variants: the rule that the first unit of a shared list leads. */
export const FIRST_LISTED_LEADS =
  /(排在首位|排在第一位|排名第一|排第一位|列第一位|列首位|列在首位|第一个单位|首个单位|位列第一)的?(单位|部门)?为?(是)?牵头/;

function rolesOf(header: string[]): Map<Role, number> | null {
  const roles = new Map<Role, number>();
  header.forEach((cell, i) => {
    const text = cell.replace(/\s+/g, "");
    const role = ROLES.find(([r, re]) => !roles.has(r) && re.test(text))?.[0];
    if (role) roles.set(role, i);
  });
  const hasUnits = roles.has("lead") || roles.has("shared");
  return hasUnits && (roles.has("task") || roles.has("content")) ? roles : null;
}

/** null when the table is not a responsibility table (no header naming tasks and who leads them). */
export function readTaskTable(rows: string[][], context: string): TaskTable | null {
  const headerAt = rows.slice(0, 3).findIndex((r) => rolesOf(r) !== null);
  if (headerAt < 0) return null;
  const roles = rolesOf(rows[headerAt] as string[]) as Map<Role, number>;
  const cell = (r: string[], role: Role) => {
    const i = roles.get(role);
    return i === undefined ? "" : (r[i] ?? "").replace(/\s+/g, " ").trim();
  };
  const firstLeads = FIRST_LISTED_LEADS.test(context) || rows.some((r) => r.some((c) => FIRST_LISTED_LEADS.test(c)));
  const notes: string[] = [];
  if (!roles.has("lead") && !firstLeads)
    notes.push("分工表只有“责任单位”一列且未说明牵头规则:按惯例以排在首位的单位为牵头单位,请核对");
  const out: TaskRow[] = [];
  let previousTask = "";
  rows.slice(headerAt + 1).forEach((r, k) => {
    const rowNo = headerAt + 2 + k;
    if (r.every((c) => c.trim() === "")) return;
    // A merged 重点任务 cell spans the rows below it; a spreadsheet leaves those cells empty.
    const task = cell(r, "task") || previousTask || cell(r, "content");
    previousTask = task;
    let lead: string[];
    let partners: string[];
    if (roles.has("lead")) {
      lead = units(cell(r, "lead"));
      partners = units(cell(r, "partners") || cell(r, "shared")).filter((p) => !lead.includes(p));
    } else {
      const shared = cell(r, "shared");
      const marked = shared.split(/[、,，;；\s]+/).find((u) => /[(（]牵头[)）]/.test(u));
      const all = units(shared.replace(/[(（]牵头[)）]/g, ""));
      const first = marked ? units(marked.replace(/[(（]牵头[)）]/g, ""))[0] : all[0];
      lead = first ? [first] : [];
      partners = all.filter((u) => u !== first);
    }
    if (lead.length === 0 && !task) {
      notes.push(`分工表第${rowNo}行没有任务和牵头单位,已跳过`);
      return;
    }
    const deadline = readDeadline(cell(r, "deadline"));
    out.push({
      row: rowNo,
      no: cell(r, "no"),
      task,
      content: cell(r, "content"),
      lead,
      partners,
      ...(deadline ? { deadline } : {}),
      printed: r
        .map((c) => c.trim())
        .filter(Boolean)
        .join(" | "),
    });
  });
  return { rows: out, notes };
}

/** Unit lists as tables write them; a note such as 排在首位的为牵头单位 inside a cell is a rule, not a unit. */
function units(cell: string): string[] {
  return splitDepartments(cell.replace(/[(（][^()（）]*牵头[^()（）]*[)）]/g, "")).filter(
    (u) => !FIRST_LISTED_LEADS.test(u) && !/^(下同|同上)$/.test(u),
  );
}
