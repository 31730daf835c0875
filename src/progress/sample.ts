// Loads the sample progress files (labelled 示例) on request, once per file content, so a new user sees progress at work.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { logger } from "../log.js";
import type { ProgressStore } from "../store/progress-store.js";
import { describeProblems, type ImportDeps, importTable } from "./import.js";
import { parseCsv } from "./table-io.js";

export const SAMPLE_DIR = "samples";

/** Imports every knowledge/samples/*.csv not loaded before; returns how many records were stored. */
export function loadSampleProgress(knowledgeDir: string, store: ProgressStore, deps: ImportDeps): number {
  const dir = join(knowledgeDir, SAMPLE_DIR);
  if (!existsSync(dir)) return 0;
  let stored = 0;
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()) {
    const text = readFileSync(join(dir, name), "utf8");
    const key = `sample-loaded:${createHash("sha256").update(text).digest("hex")}`;
    if (store.getMeta(key)) continue;
    const result = importTable(parseCsv(text), store, deps, { actor: "sample", via: `sample:${name}` });
    if (!result.ok) {
      logger.warn({ file: name, problems: describeProblems(result.problems) }, "sample progress not loaded");
      continue;
    }
    store.setMeta(key, new Date().toISOString());
    stored += result.stored.length;
    logger.info({ file: name, records: result.stored.length }, "sample progress (示例) loaded");
  }
  return stored;
}
