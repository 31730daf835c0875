// The user-editable glossary (knowledge/glossary.yaml): what users say → what plans print, English included.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { normalizeText } from "./normalize.js";

export const Glossary = z.object({
  terms: z.array(z.object({ say: z.array(z.coerce.string().min(1)).min(1), means: z.string().min(1) })).default([]),
});
export type Glossary = z.infer<typeof Glossary>;

export const GLOSSARY_FILE = "glossary.yaml";

export function readGlossary(knowledgeDir: string): Glossary {
  const path = join(knowledgeDir, GLOSSARY_FILE);
  if (!existsSync(path)) return { terms: [] };
  const parsed = Glossary.safeParse(YAML.parse(readFileSync(path, "utf8")) ?? {});
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

/** Expands a normalized question: each matched phrase is replaced by the plan's words. Longest phrases first. */
export function createExpander(glossary: Glossary): (normalized: string) => string {
  const pairs = glossary.terms
    .flatMap((t) => t.say.map((say) => ({ say: normalizeText(say), means: normalizeText(t.means) })))
    .sort((a, b) => b.say.length - a.say.length);
  return (text) => {
    let out = text;
    for (const { say, means } of pairs) {
      if (!out.includes(say)) continue;
      // latin phrases are replaced (they would only add noise); Chinese ones keep the user's word too
      out = /^[\x20-\x7e]+$/.test(say) ? out.split(say).join(` ${means} `) : `${out} ${means}`;
    }
    return out;
  };
}
