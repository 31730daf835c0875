// The user-editable glossary (knowledge/glossary.yaml): what users say → what plans print, English included.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { parseYaml } from "../config/parse-yaml.js";
import { escapeRegExp } from "../plan/escape-regexp.js";
import { normalizeText } from "./normalize.js";

export const Glossary = z.object({
  terms: z.array(z.object({ say: z.array(z.coerce.string().min(1)).min(1), means: z.string().min(1) })).default([]),
});
export type Glossary = z.infer<typeof Glossary>;

export const GLOSSARY_FILE = "glossary.yaml";

export function readGlossary(knowledgeDir: string): Glossary {
  const path = join(knowledgeDir, GLOSSARY_FILE);
  if (!existsSync(path)) return { terms: [] };
  const parsed = Glossary.safeParse(parseYaml(readFileSync(path, "utf8")) ?? {});
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

/**
 * Expands a normalized question: each matched phrase brings the plan's words. Longest phrases first.
 * A Chinese phrase the plans also use is kept beside its meaning; one they never use (地区生产总值) is replaced,
 * or its terms would count as unmatched and make the plan look silent on the subject.
 */
export function createExpander(glossary: Glossary, plansKnow: (phrase: string) => boolean = () => true) {
  const pairs = glossary.terms
    .flatMap((t) => t.say.map((say) => ({ say: normalizeText(say), means: normalizeText(t.means) })))
    .sort((a, b) => b.say.length - a.say.length)
    .map((p) => {
      const latin = /^[\x20-\x7e]+$/.test(p.say);
      // A latin phrase takes the rest of its last word ("biomedic" → "biomedicine"), or the tail would be left
      // behind as a word of the subject.
      const pattern = new RegExp(`${escapeRegExp(p.say)}${latin ? "[a-z]*" : ""}`, "g");
      return { ...p, pattern, replace: latin || !plansKnow(p.say) };
    });
  return (text: string): string => {
    let out = text;
    const added = new Set<string>();
    for (const { say, means, pattern, replace } of pairs) {
      if (!out.includes(say)) continue;
      if (replace) out = out.replace(pattern, ` ${means} `);
      else if (!added.has(means)) out = `${out} ${means}`;
      added.add(means);
    }
    return out;
  };
}
