// Imports a plan file into a knowledge folder: matrix.json, the cleaned text, the verbatim source, and new departments.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import YAML from "yaml";
import { mergeDepartments, type SharedAlias } from "../departments.js";
import { DIRECTORY_FILE, MATRIX_FILE } from "../knowledge.js";
import { applyMatrixReview } from "../matrix-review.js";
import { decodeText, readText } from "../readers/text.js";
import { REVIEW_FILE, readReviewFile } from "../review.js";
import { DepartmentDirectory, type ResponsibilityMatrix } from "../schema.js";
import { writeFileAtomically } from "../write-atomically.js";
import { importDocument } from "./import-document.js";
import type { ImportResult } from "./import-plan.js";

export interface WrittenPlan {
  matrix: ResponsibilityMatrix;
  outDir: string;
  addedDepartments: string[];
  /** words that now name two departments (数据局: 区数据局, and 区数据资源局's alias) */
  sharedAliases: SharedAlias[];
  /** reviewed values (planbot matrix import) the import kept */
  reviewKept: number;
  /** reviewed values the re-import could not keep, because the text under them changed */
  reviewNotes: string[];
}

export function slugFromPath(path: string): string {
  const slug = basename(path, extname(path))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!slug) throw new Error(`无法从“${path}”得出计划代号:请用 --out knowledge/<代号> 指定(拉丁字母、数字、-)`);
  return slug;
}

/**
 * A text or Markdown plan imported as `planbot import` does (its tables, typed or drawn, read as tables), without
 * the wait that reading a Word or PDF file needs: for start-up and tests.
 */
export function writePlan(planFile: string, outDir: string): WrittenPlan {
  const { text } = decodeText(new Uint8Array(readFileSync(planFile)));
  const slug = slugFromPath(outDir);
  const review = readReviewFile(join(outDir, REVIEW_FILE));
  const doc = { format: "text" as const, elements: readText(text, extname(planFile).toLowerCase() === ".md") };
  const imported = importDocument(doc, { slug, sourceFile: "source.txt", readings: review.readings });
  return savePlan(imported, outDir, { from: planFile, name: "source.txt" });
}

/** Writes an imported plan; matrix.json and departments.yaml by rename, so a running service never reads half a file. */
export function savePlan(
  imported: ImportResult,
  outDir: string,
  source: { from: string; name: string; text?: string },
): WrittenPlan {
  // Values a person corrected in the review sheet stay, where the text they were read from still stands.
  const reviewed = applyMatrixReview(imported.matrix, readReviewFile(join(outDir, REVIEW_FILE)).matrix);
  const matrix = reviewed.matrix;
  mkdirSync(outDir, { recursive: true });
  if (source.from !== join(outDir, source.name)) copyFileSync(source.from, join(outDir, source.name));
  if (source.text !== undefined) writeFileSync(join(outDir, "source.txt"), source.text);
  writeFileSync(join(outDir, "plan.txt"), imported.cleanedText);
  writeFileAtomically(join(outDir, MATRIX_FILE), `${JSON.stringify(matrix, null, 2)}\n`);

  const directoryPath = join(dirname(outDir), DIRECTORY_FILE);
  const names = matrix.tasks.flatMap((t) => [...t.lead, ...t.partners]);
  const { added, shared } = addDepartments(directoryPath, names);
  return {
    matrix,
    outDir,
    addedDepartments: added,
    sharedAliases: shared,
    reviewKept: reviewed.applied,
    reviewNotes: reviewed.notes,
  };
}

/** How the directory is written back: as it was typed, flow lists without padding ([经贸局, 经发局]), no re-wrapping. */
const DIRECTORY_STYLE = { flowCollectionPadding: false, lineWidth: 0 } as const;

/**
 * Adds new departments to departments.yaml by editing it as a YAML document, so that a person's comments, order and
 * layout stay as they were; only the new entries are appended, in the file's own style.
 */
export function addDepartments(directoryPath: string, names: string[]): { added: string[]; shared: SharedAlias[] } {
  const doc = existsSync(directoryPath)
    ? YAML.parseDocument(readFileSync(directoryPath, "utf8"))
    : new YAML.Document({ departments: [] });
  if (doc.errors.length > 0) throw new Error(`${directoryPath} 不是有效的 YAML:${doc.errors[0]?.message}`);
  const current = DepartmentDirectory.parse(doc.toJS() ?? { departments: [] });
  const { directory, added, shared } = mergeDepartments(current, names);
  if (added.length === 0 && existsSync(directoryPath)) return { added, shared };
  if (!doc.has("departments")) doc.set("departments", doc.createNode([]));
  for (const name of added) {
    const entry = directory.departments.find((d) => d.name === name);
    if (!entry) continue;
    const node = doc.createNode({
      name: entry.name,
      aliases: entry.aliases,
      ...(entry.kind !== "department" ? { kind: entry.kind } : {}),
    });
    const aliases = node.get("aliases", true);
    if (YAML.isSeq(aliases)) aliases.flow = true;
    doc.addIn(["departments"], node);
  }
  writeFileAtomically(directoryPath, doc.toString(DIRECTORY_STYLE));
  return { added, shared };
}
