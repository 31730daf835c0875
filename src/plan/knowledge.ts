// Loads every plan under the knowledge folder (one sub-folder a plan: matrix.json + plan.txt) and the department directory.
// Validated fully (YAML, zod) the first time its files are seen; after that a snapshot of the validated result is
// read instead, as long as every source file and the schema's code are unchanged (knowledge-snapshot.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../config/parse-yaml.js";
import { type Glossary, readGlossary } from "../search/glossary.js";
import { byCodeUnits } from "./code-unit-order.js";
import { type KnowledgeSource, readSnapshot, writeSnapshot } from "./knowledge-snapshot.js";
import { DepartmentDirectory, ResponsibilityMatrix } from "./schema.js";

export interface LoadedPlans {
  plans: ResponsibilityMatrix[];
  directory: DepartmentDirectory;
  glossary: Glossary;
}

export const MATRIX_FILE = "matrix.json";
export const DIRECTORY_FILE = "departments.yaml";

/** The department directory alone (the review sheet checks names against it), fully validated. */
export function loadDirectory(dir: string): DepartmentDirectory {
  const directoryPath = join(dir, DIRECTORY_FILE);
  return existsSync(directoryPath)
    ? DepartmentDirectory.parse(parseYaml(readFileSync(directoryPath, "utf8")))
    : { departments: [] };
}

/** The files a load reads, with their text: what the snapshot's fingerprint covers. */
function knowledgeSources(dir: string): KnowledgeSource[] {
  const files = [join(dir, DIRECTORY_FILE), join(dir, "glossary.yaml")];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) files.push(join(dir, entry.name, MATRIX_FILE));
  }
  return files.filter((f) => existsSync(f)).map((path) => ({ path, text: readFileSync(path, "utf8") }));
}

export function loadPlans(dir: string): LoadedPlans {
  const sources = knowledgeSources(dir);
  const snapshot = readSnapshot<LoadedPlans>(dir, sources);
  if (snapshot) return snapshot;
  const loaded = validateKnowledge(dir, sources);
  writeSnapshot(dir, sources, loaded);
  return loaded;
}

/** The full check: every YAML file parsed and every matrix validated by its zod schema. */
function validateKnowledge(dir: string, sources: KnowledgeSource[]): LoadedPlans {
  const textOf = (path: string) => sources.find((s) => s.path === path)?.text;
  const directoryText = textOf(join(dir, DIRECTORY_FILE));
  const directory =
    directoryText !== undefined ? DepartmentDirectory.parse(parseYaml(directoryText)) : { departments: [] };
  const plans: ResponsibilityMatrix[] = [];
  for (const { path, text } of sources) {
    if (!path.endsWith(MATRIX_FILE)) continue;
    const parsed = ResponsibilityMatrix.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path}: invalid matrix: ${parsed.error.issues[0]?.message}`);
    plans.push(parsed.data);
  }
  plans.sort((a, b) => byCodeUnits(a.slug, b.slug));
  return { plans, directory, glossary: readGlossary(dir) };
}
