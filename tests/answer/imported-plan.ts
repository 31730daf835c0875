// An answerer over plans imported fresh from their text into a temporary knowledge folder, each under its slug:
// what a district gets after `planbot import`, with no glossary of its own.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Answerer, createAnswerer } from "../../src/answer/answerer.js";
import { writePlan } from "../../src/plan/import/write-plan.js";
import { loadPlans } from "../../src/plan/knowledge.js";

export function answererOfPlans(plans: Record<string, string>): Answerer {
  const dir = mkdtempSync(join(tmpdir(), "planbot-imported-"));
  writeFileSync(join(dir, "glossary.yaml"), "terms: []\n");
  for (const [slug, file] of Object.entries(plans)) writePlan(file, join(dir, slug));
  return createAnswerer(loadPlans(dir));
}

/** An answerer over one plan given as its lines, written to a temporary file and imported as above. */
export function answererOfLines(slug: string, lines: readonly string[]): Answerer {
  const file = join(mkdtempSync(join(tmpdir(), "planbot-plan-")), `${slug}.txt`);
  writeFileSync(file, lines.join("\n"));
  return answererOfPlans({ [slug]: file });
}
