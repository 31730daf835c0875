// Notices when the knowledge folder's files change (an import, a reviewed sheet, an edited departments.yaml), by
// polling their size and time: a handful of stat calls a second, and it works on every file system and in
// containers, where fs.watch misses changes made from outside.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { byCodeUnits } from "./code-unit-order.js";
import { DIRECTORY_FILE, MATRIX_FILE } from "./knowledge.js";

const SHARED_FILES = [DIRECTORY_FILE, "glossary.yaml"];

/** What the loaded knowledge depends on, as one string that changes when any of it does. */
export function knowledgeSignature(dir: string): string {
  if (!existsSync(dir)) return "";
  const parts: string[] = [];
  const stamp = (file: string) => {
    try {
      const s = statSync(file);
      parts.push(`${file}:${s.size}:${s.mtimeMs}`);
    } catch {
      // absent: part of the signature by its absence
    }
  };
  for (const f of SHARED_FILES) stamp(join(dir, f));
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name))) {
    if (entry.isDirectory()) stamp(join(dir, entry.name, MATRIX_FILE));
  }
  return parts.join("\n");
}

/**
 * Calls onChange when the signature has changed and then held still for one more poll, so that an import writing
 * a matrix and departments.yaml one after the other is loaded once, whole. Returns a function that stops it.
 */
export function watchKnowledge(dir: string, intervalMs: number, onChange: () => void): () => void {
  let loaded = knowledgeSignature(dir);
  let last = loaded;
  const timer = setInterval(() => {
    const now = knowledgeSignature(dir);
    if (now !== loaded && now === last) {
      loaded = now;
      onChange();
    }
    last = now;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
