// Puts a responsibility table's rows into the matrix the text gave: the table's lead, partners and 完成时限 win, and
// every row where the text said otherwise is reported; a row with no task in the text becomes a task of its own.

import type { Deadline } from "../schema.js";
import { RECURRING, type ResponsibilityMatrix, type Target, type Task } from "../schema.js";
import { splitSentences } from "./sentences.js";
import { extractTargets, type Reading } from "./targets.js";
import type { TaskRow, TaskTable } from "./task-table.js";
import { tightenFigures } from "./text-cleanup.js";

export interface TableSource {
  /** where the table came from, as the notes name it: 附件分工表, or the --matrix file's name */
  name: string;
  /** plan-text line a task made from a row points at */
  line: number;
  readings?: Reading[];
}

function bigrams(s: string): Set<string> {
  const clean = s.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) out.add(clean.slice(i, i + 2));
  return out;
}

function similarity(a: string, b: string): number {
  const [x, y] = [bigrams(a), bigrams(b)];
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** What a row left over by its title must still share with the task in its place to be taken as that task. */
const PLACE_SIMILARITY = 0.25;

/** The text's task a row is about: by its title, else by position when the table lists exactly the text's tasks. */
function matchRows(rows: TaskRow[], tasks: Task[]): Map<TaskRow, Task> {
  const out = new Map<TaskRow, Task>();
  const taken = new Set<Task>();
  for (const row of rows) {
    let best: Task | undefined;
    let bestScore = 0.5;
    for (const t of tasks) {
      if (taken.has(t)) continue;
      const score = Math.max(similarity(row.task, t.title), row.task === "" ? similarity(row.content, t.text) : 0);
      if (score > bestScore) [best, bestScore] = [t, score];
    }
    if (best) {
      out.set(row, best);
      taken.add(best);
    }
  }
  if (rows.length !== tasks.length) return out;
  if (out.size === 0) {
    rows.forEach((r, i) => {
      out.set(r, tasks[i] as Task);
    });
    return out;
  }
  // A table listing exactly the text's tasks names some of them in words of its own (河湖生态修复和水系连通 for
  // 加强河湖生态保护修复): a row left over goes to the task in its place, when that task is left over too and the
  // row's 序号 is that place or the two still share some words.
  rows.forEach((r, i) => {
    const t = tasks[i] as Task;
    const numbered = r.no !== "" && Number(r.no) === i + 1;
    if (!out.has(r) && !taken.has(t) && (numbered || similarity(r.task || r.content, t.title) >= PLACE_SIMILARITY)) {
      out.set(r, t);
      taken.add(t);
    }
  });
  return out;
}

/** a target the text says falls due every year (每年): its own words, with no single date */
const recurs = (t: Target) => t.year === null && t.deadline !== undefined && t.deadline.date === undefined;

const list = (units: string[]) => units.join("、") || "(无)";

export function applyTaskTable(
  matrix: ResponsibilityMatrix,
  table: TaskTable,
  source: TableSource,
): { matrix: ResponsibilityMatrix; notes: string[] } {
  const notes = [...table.notes];
  const matched = matchRows(table.rows, matrix.tasks);
  const tasks: Task[] = matrix.tasks.map((t) => ({ ...t }));
  const byNo = new Map(tasks.map((t) => [t.no, t]));
  /**
   * A row's 具体内容或目标 cell read for targets, all due by the row's 完成时限 unless the cell names its own time.
   * The due time is handed to the reader rather than written into the cell, so a target keeps the cell's own words.
   */
  const targetsOf = (taskNo: number, sentences: string[], from: number, due?: Deadline): Target[] => {
    const out: Target[] = [];
    const year = due?.date ? Number(due.date.slice(0, 4)) : null;
    for (const sentence of sentences) {
      const found = extractTargets(tightenFigures(sentence), {
        inGoals: false,
        readings: source.readings ?? [],
        ...(due ? { due: { year, deadline: due } } : {}),
      });
      for (const t of found.targets) out.push({ ...t, id: `t${taskNo}-${from + out.length}`, taskNo, sentence });
    }
    return out;
  };
  for (const row of table.rows) {
    const attribution = `${source.name}第${row.row}行:牵头单位 ${list(row.lead)};配合单位 ${list(row.partners)}`;
    const text = matched.get(row);
    const task = text ? byNo.get(text.no) : undefined;
    if (task) {
      const said = task.lead.length > 0 || task.partners.length > 0;
      const leadDiffers = said && task.lead.join("、") !== row.lead.join("、");
      const partnersDiffer = said && [...task.partners].sort().join("、") !== [...row.partners].sort().join("、");
      if (leadDiffers || partnersDiffer)
        notes.push(
          `${source.name}第${row.row}行“${row.task}”与正文${task.label}不一致:正文 牵头 ${list(task.lead)}、配合 ${list(task.partners)};表中 牵头 ${list(row.lead)}、配合 ${list(row.partners)}。以表为准`,
        );
      task.lead = row.lead;
      task.partners = row.partners;
      task.attribution = task.attribution ? `${task.attribution};${attribution}` : attribution;
      if (row.deadline) task.deadline = row.deadline;
      // Figures the table states and the text does not are the table's targets too.
      const known = new Set(task.targets.map((t) => `${t.valueText}${t.unit}`));
      const extra = targetsOf(task.no, splitSentences(row.content), task.targets.length + 1, row.deadline).filter(
        (t) => !known.has(`${t.valueText}${t.unit}`),
      );
      task.targets = [
        ...task.targets,
        ...extra.map((t, i) => ({ ...t, id: `t${task.no}-${task.targets.length + i + 1}` })),
      ];
      // The row's 完成时限 is its targets' too: the table wins over a time the text wrote (到2026年), as it does for
      // units, except where the text says a target recurs (每年), which no single date replaces. Their year is the
      // row's when the text gives none (a recurring one has none).
      const deadline = row.deadline;
      const dueYear = deadline?.date ? Number(deadline.date.slice(0, 4)) : null;
      if (deadline)
        task.targets = task.targets.map((t) => ({
          ...t,
          deadline: recurs(t) ? (t.deadline ?? deadline) : deadline,
          year: t.year ?? (RECURRING.test(t.sentence) ? null : dueYear),
        }));
      continue;
    }
    const no = tasks.length + 1;
    const sentences = splitSentences(row.content);
    tasks.push({
      no,
      label: row.no ? `${row.no}.` : `${no}.`,
      section: source.name,
      title: row.task || row.content.slice(0, 20),
      text: row.content,
      sentences,
      lead: row.lead,
      partners: row.partners,
      attribution,
      targets: targetsOf(no, sentences, 1, row.deadline).map((t) =>
        row.deadline ? { ...t, deadline: row.deadline } : t,
      ),
      line: source.line,
      ...(row.deadline ? { deadline: row.deadline } : {}),
    });
    notes.push(`${source.name}第${row.row}行“${row.task}”在正文中没有对应的任务:按表新建为任务${no}`);
  }
  const rowTasks = new Set([...matched.values()].map((t) => t.no));
  for (const t of matrix.tasks) {
    if (!rowTasks.has(t.no)) notes.push(`正文任务${t.label}“${t.title}”不在${source.name}中:保留正文的分工`);
  }
  // A task the table now attributes no longer lacks its lead.
  const attributed = new Set(tasks.filter((t) => t.lead.length > 0).map((t) => t.title));
  const warnings = matrix.warnings.filter((w) => !(w.code === "attribution_missing" && attributed.has(w.excerpt)));
  return { matrix: { ...matrix, tasks, warnings }, notes };
}
