// The Excel review loop for one plan in a knowledge folder: export the matrix as a sheet, and take a reviewed sheet
// back (all cells valid, or nothing written), recording who reviewed what and when in the plan's review.yaml.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDirectory, MATRIX_FILE } from "./knowledge.js";
import { applyMatrixReview, describeChange, type ReviewEntry } from "./matrix-review.js";
import { type CellProblem, readMatrixSheet, writeMatrixSheet } from "./matrix-sheet.js";
import { REVIEW_FILE, recordMatrixReview } from "./review.js";
import { ResponsibilityMatrix } from "./schema.js";
import { writeFileAtomically } from "./write-atomically.js";

function readMatrix(knowledgeDir: string, slug: string): { file: string; matrix: ResponsibilityMatrix } {
  const file = join(knowledgeDir, slug, MATRIX_FILE);
  if (!existsSync(file)) throw new Error(`没有计划“${slug}”:${file} 不存在(先 planbot import)`);
  return { file, matrix: ResponsibilityMatrix.parse(JSON.parse(readFileSync(file, "utf8"))) };
}

export async function exportReviewSheet(
  knowledgeDir: string,
  slug: string,
  sheetFile: string,
): Promise<ResponsibilityMatrix> {
  const { matrix } = readMatrix(knowledgeDir, slug);
  await writeMatrixSheet(matrix, sheetFile);
  return matrix;
}

export interface ReviewImport {
  problems: CellProblem[];
  /** what changed, one line a cell: 任务3的牵头单位改为“A” */
  changes: string[];
  /** what a person should do next (a new unit to add to the directory) */
  notes: string[];
  written: boolean;
}

export async function importReviewSheet(
  knowledgeDir: string,
  slug: string,
  sheetFile: string,
  reviewer: { by: string; at: Date },
): Promise<ReviewImport> {
  const { file, matrix } = readMatrix(knowledgeDir, slug);
  const reading = await readMatrixSheet(sheetFile, matrix);
  if (reading.problems.length > 0) return { problems: reading.problems, changes: [], notes: [], written: false };
  if (reading.changes.length === 0) return { problems: [], changes: [], notes: [], written: false };
  const entries: ReviewEntry[] = reading.changes.map((c) => ({
    ...c,
    reviewedBy: reviewer.by,
    reviewedAt: reviewer.at.toISOString(),
  }));
  const applied = applyMatrixReview(matrix, entries);
  const next = ResponsibilityMatrix.parse(applied.matrix);
  // A unit the reviewer named that the directory does not know is answered by its full name only.
  const known = new Set(loadDirectory(knowledgeDir).departments.flatMap((d) => [d.name, ...d.aliases]));
  const unknown = [...new Set(next.tasks.flatMap((t) => [...t.lead, ...t.partners]))].filter((n) => !known.has(n));
  recordMatrixReview(join(knowledgeDir, slug, REVIEW_FILE), entries);
  writeFileAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
  return {
    problems: [],
    changes: entries.map(describeChange),
    notes: unknown.map((n) => `“${n}”不在 departments.yaml 中:问答只认全称,请在那里补上它的简称`),
    written: true,
  };
}
