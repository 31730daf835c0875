// A plan's review file (knowledge/<plan>/review.yaml): readings a person confirmed for defective excerpts, and the
// matrix values a person corrected in the Excel review (planbot matrix import), each tied to the text it read.
import { existsSync, readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { writeFileAtomically } from "./write-atomically.js";

export const ReviewFile = z.object({
  readings: z
    .array(
      z.object({
        excerpt: z.string().min(1),
        reading: z.string().min(1),
        reviewedBy: z.string().min(1),
        note: z.string().optional(),
      }),
    )
    .default([]),
  /** values a person set in the review sheet; re-imports keep them while the text they were read from stands */
  matrix: z
    .array(
      z.object({
        /** task:<no> or a target id (t3-2) */
        ref: z.string().regex(/^(task:\d+|t\d+-\d+)$/),
        field: z.string().min(1),
        /** the cell as the reviewer left it */
        value: z.string(),
        /** the plan's own words the value was read from (the task's text and attribution, or the target's sentence) */
        anchor: z.string(),
        reviewedBy: z.string().min(1),
        /** ISO time of the review */
        reviewedAt: z.string().min(1),
      }),
    )
    .default([]),
});
export type ReviewFile = z.infer<typeof ReviewFile>;

export const REVIEW_FILE = "review.yaml";

export function readReviewFile(path: string): ReviewFile {
  if (!existsSync(path)) return { readings: [], matrix: [] };
  const parsed = ReviewFile.safeParse(YAML.parse(readFileSync(path, "utf8")) ?? {});
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

/**
 * Adds reviewed matrix values to the review file, replacing earlier values for the same cell. The YAML document is
 * edited, not re-dumped: the file's comments and the readings stay as a person wrote them.
 */
export function recordMatrixReview(path: string, entries: ReviewFile["matrix"]): void {
  const parsed = YAML.parseDocument(existsSync(path) ? readFileSync(path, "utf8") : "");
  const doc = parsed.contents === null ? new YAML.Document({}) : parsed;
  const current = ReviewFile.parse(doc.toJS() ?? {}).matrix;
  const replaced = new Set(entries.map((e) => `${e.ref}|${e.field}`));
  const kept = current.filter((e) => !replaced.has(`${e.ref}|${e.field}`));
  doc.set("matrix", doc.createNode([...kept, ...entries]));
  writeFileAtomically(path, doc.toString({ lineWidth: 0 }));
}
