// planbot import's work: reads a plan in any supported format (and an optional separate task table), imports it,
// and writes it into its knowledge folder.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { readDocument } from "../readers/read-document.js";
import { readTableFile } from "../readers/table-file.js";
import { REVIEW_FILE, readReviewFile } from "../review.js";
import { importDocument } from "./import-document.js";
import { savePlan, slugFromPath, type WrittenPlan } from "./write-plan.js";

export interface ImportedFile extends WrittenPlan {
  format: string;
  /** how a text file (or the --matrix CSV) was decoded */
  encodings: string[];
  notes: string[];
}

export async function importPlanFile(
  planFile: string,
  outDir: string,
  opts: { matrixFile?: string } = {},
): Promise<ImportedFile> {
  const doc = await readDocument(planFile);
  const matrixTable = opts.matrixFile ? await readTableFile(opts.matrixFile) : undefined;
  const review = readReviewFile(join(outDir, REVIEW_FILE));
  const ext = extname(planFile).toLowerCase();
  const sourceName = doc.format === "text" ? "source.txt" : `source${ext}`;
  const imported = importDocument(doc, {
    slug: slugFromPath(outDir),
    sourceFile: sourceName,
    readings: review.readings,
    ...(matrixTable && opts.matrixFile
      ? { matrixTable: { table: matrixTable.table, name: `分工表 ${basename(opts.matrixFile)}` } }
      : {}),
  });
  // The checksum is the file's as received, whatever its format, so that it can be checked against the original.
  const sha256 = createHash("sha256").update(readFileSync(planFile)).digest("hex");
  imported.matrix.source.sha256 = sha256;
  const written = savePlan(imported, outDir, {
    from: planFile,
    name: sourceName,
    ...(doc.format === "text" ? {} : { text: imported.text }),
  });
  const encodings = [
    ...(doc.encoding ? [`${basename(planFile)}: ${doc.encoding}`] : []),
    ...(matrixTable?.encoding && opts.matrixFile ? [`${basename(opts.matrixFile)}: ${matrixTable.encoding}`] : []),
  ];
  return { ...written, format: doc.format, encodings, notes: imported.notes };
}
