// Imports a plan from any document: its elements joined to the text the importer reads, its furniture reported,
// and its responsibility tables (an appendix, or a separate --matrix file) read into the same matrix.
import type { ReadDocument, TableElement } from "../readers/elements.js";
import { ResponsibilityMatrix } from "../schema.js";
import { applyTaskTable } from "./apply-task-table.js";
import { documentText } from "./document-text.js";
import { type ImportOptions, type ImportResult, importPlan } from "./import-plan.js";
import { type IndicatorTable, readIndicatorTable } from "./indicator-table.js";
import { readTaskTable } from "./task-table.js";

export interface DocumentImport extends ImportResult {
  /** the text the importer read (what source.txt holds for a Word, PDF or web-page plan) */
  text: string;
  /** what the import decided that a person should read: table rows that disagree with the text, new tasks */
  notes: string[];
}

export function importDocument(
  doc: ReadDocument,
  opts: ImportOptions & { matrixTable?: { table: TableElement; name: string } },
): DocumentImport {
  const { text, tables, furniture } = documentText(doc.elements);
  const imported = importPlan(text, opts);
  let matrix: ResponsibilityMatrix = {
    ...imported.matrix,
    warnings: [...imported.matrix.warnings, ...furniture],
  };
  const notes: string[] = [];
  const apply = (rows: string[][], context: string, name: string, line: number): boolean => {
    const table = readTaskTable(rows, context);
    if (!table) return false;
    const applied = applyTaskTable(matrix, table, { name, line, readings: opts.readings ?? [] });
    matrix = applied.matrix;
    notes.push(...applied.notes);
    return true;
  };
  // A table of the main indicators gives goals; other tables that are not task tables are left alone.
  for (const t of tables) {
    if (apply(t.table.rows, `${t.caption}\n${text}`, "附件分工表", t.line)) continue;
    const indicators = readIndicatorTable(t.table.rows, t.caption, matrix.period?.endYear ?? null);
    if (indicators) matrix = { ...matrix, goals: withIndicators(matrix.goals, indicators) };
  }
  // A table given on its own (--matrix) comes last, and wins over an appendix.
  if (opts.matrixTable && !apply(opts.matrixTable.table.rows, text, opts.matrixTable.name, 1))
    throw new Error(
      `${opts.matrixTable.name}: 不是分工表:前三行里找不到写明“重点任务/具体内容”和“牵头单位/责任单位”的表头`,
    );
  return { matrix: ResponsibilityMatrix.parse(matrix), cleanedText: imported.cleanedText, text, notes };
}

/**
 * The goals with an indicator table's rows: each row's sentence, and its target unless the goals' text already states
 * the same figure for it (then only the starting level the table gives is added to that target).
 */
function withIndicators(goals: ResponsibilityMatrix["goals"], table: IndicatorTable): ResponsibilityMatrix["goals"] {
  const targets = goals.targets.map((t) => ({ ...t }));
  for (const row of table.targets) {
    const same = targets.find(
      (t) =>
        t.value === row.value &&
        t.unit === row.unit &&
        (t.metric.includes(row.metric) || row.metric.includes(t.metric)),
    );
    if (same) {
      if (!same.from && row.from) same.from = row.from;
      continue;
    }
    targets.push({ ...row, id: `t0-${targets.length + 1}` });
  }
  return {
    text: [goals.text, ...table.sentences].filter(Boolean).join("\n"),
    sentences: [...goals.sentences, ...table.sentences],
    targets,
  };
}
