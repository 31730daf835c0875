// Imports a plan from any document: its elements joined to the text the importer reads, its furniture reported,
// and its responsibility tables (an appendix, or a separate --matrix file) read into the same matrix.
import type { ReadDocument, TableElement } from "../readers/elements.js";
import { ResponsibilityMatrix } from "../schema.js";
import { applyTaskTable } from "./apply-task-table.js";
import { documentText } from "./document-text.js";
import { type ImportOptions, type ImportResult, importPlan } from "./import-plan.js";
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
  const given = [
    ...tables.map((t) => ({ rows: t.table.rows, context: `${t.caption}\n${text}`, name: "附件分工表", line: t.line })),
    ...(opts.matrixTable
      ? [{ rows: opts.matrixTable.table.rows, context: text, name: opts.matrixTable.name, line: 1 }]
      : []),
  ];
  for (const t of given) {
    const table = readTaskTable(t.rows, t.context);
    if (!table) continue;
    const applied = applyTaskTable(matrix, table, { name: t.name, line: t.line, readings: opts.readings ?? [] });
    matrix = applied.matrix;
    notes.push(...applied.notes);
  }
  if (opts.matrixTable && !given.some((t) => t.name === opts.matrixTable?.name && readTaskTable(t.rows, "")))
    throw new Error(
      `${opts.matrixTable.name}: 不是分工表:前三行里找不到写明“重点任务/具体内容”和“牵头单位/责任单位”的表头`,
    );
  return { matrix: ResponsibilityMatrix.parse(matrix), cleanedText: imported.cleanedText, text, notes };
}
