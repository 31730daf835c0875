// Loads every plan under the knowledge folder (one sub-folder a plan: matrix.json + plan.txt) and the department directory.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { type Glossary, readGlossary } from "../search/glossary.js";
import { DepartmentDirectory, ResponsibilityMatrix } from "./schema.js";

export interface LoadedPlans {
  plans: ResponsibilityMatrix[];
  directory: DepartmentDirectory;
  glossary: Glossary;
}

export const MATRIX_FILE = "matrix.json";
export const DIRECTORY_FILE = "departments.yaml";

export function loadDirectory(dir: string): DepartmentDirectory {
  const directoryPath = join(dir, DIRECTORY_FILE);
  return existsSync(directoryPath)
    ? DepartmentDirectory.parse(YAML.parse(readFileSync(directoryPath, "utf8")))
    : { departments: [] };
}

export function loadPlans(dir: string): LoadedPlans {
  const directory = loadDirectory(dir);
  const plans: ResponsibilityMatrix[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(dir, entry.name, MATRIX_FILE);
    if (!existsSync(file)) continue;
    const parsed = ResponsibilityMatrix.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file}: invalid matrix: ${parsed.error.issues[0]?.message}`);
    plans.push(parsed.data);
  }
  plans.sort((a, b) => a.slug.localeCompare(b.slug));
  return { plans, directory, glossary: readGlossary(dir) };
}
