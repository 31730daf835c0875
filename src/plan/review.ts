// A plan's review file (knowledge/<plan>/review.yaml): readings a person confirmed for defective excerpts.
import { existsSync, readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";

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
});
export type ReviewFile = z.infer<typeof ReviewFile>;

export const REVIEW_FILE = "review.yaml";

export function readReviewFile(path: string): ReviewFile {
  if (!existsSync(path)) return { readings: [] };
  const parsed = ReviewFile.safeParse(YAML.parse(readFileSync(path, "utf8")) ?? {});
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
