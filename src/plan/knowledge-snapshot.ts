// The knowledge as last validated, kept in the OS temp folder: a load whose source files (and the schema's code)
// are byte-identical to those of the snapshot reads it with one JSON.parse instead of YAML parsing and zod
// validation, which made most of `planbot ask`'s start-up. Any edit, or a newer schema, validates fully again.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { byCodeUnits } from "./code-unit-order.js";

export interface KnowledgeSource {
  path: string;
  text: string;
}

/** Bumped when what a snapshot holds changes shape. */
const SNAPSHOT_FORMAT = 1;

/** The code that decides what valid knowledge is: a change to it makes every snapshot stale. */
export const SCHEMA_FILES = ["./schema.js", "./knowledge.js", "../search/glossary.js"];

/** Set by scripts/bundle-app.ts to the digest of the schema's sources: the bundled app has no files per module. */
declare const PLANBOT_SCHEMA_DIGEST: string | undefined;

let schemaDigest: string | undefined;
function schemaFingerprint(): string {
  if (typeof PLANBOT_SCHEMA_DIGEST === "string") return PLANBOT_SCHEMA_DIGEST;
  if (schemaDigest === undefined) {
    const hash = createHash("sha256");
    for (const f of SCHEMA_FILES) {
      const url = new URL(f, import.meta.url);
      // Under the TypeScript runner the sources are .ts files.
      const found = [url, new URL(url.href.replace(/\.js$/, ".ts"))].find((u) => existsSync(u));
      // A schema that cannot be read would make every snapshot look current: refuse rather than trust it.
      if (!found) throw new Error(`knowledge snapshot: schema file ${f} not found beside ${import.meta.url}`);
      hash.update(readFileSync(found));
    }
    schemaDigest = hash.digest("hex");
  }
  return schemaDigest;
}

function fingerprint(sources: KnowledgeSource[]): string {
  const hash = createHash("sha256").update(`${SNAPSHOT_FORMAT}\0${schemaFingerprint()}`);
  for (const s of [...sources].sort((a, b) => byCodeUnits(a.path, b.path))) hash.update(`\0${s.path}\0${s.text}`);
  return hash.digest("hex");
}

function snapshotFile(dir: string): string {
  const key = createHash("sha256").update(resolve(dir)).digest("hex").slice(0, 24);
  return join(tmpdir(), "planbot-knowledge", `${key}.json`);
}

/** The validated knowledge, when the snapshot was taken of exactly these sources; undefined otherwise. */
export function readSnapshot<T>(dir: string, sources: KnowledgeSource[]): T | undefined {
  try {
    const held = JSON.parse(readFileSync(snapshotFile(dir), "utf8")) as { fingerprint?: string; knowledge?: T };
    return held.fingerprint === fingerprint(sources) ? held.knowledge : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps validated knowledge for the next load; a folder that cannot be written only costs that speed. */
export function writeSnapshot(dir: string, sources: KnowledgeSource[], knowledge: unknown): void {
  const file = snapshotFile(dir);
  try {
    mkdirSync(join(tmpdir(), "planbot-knowledge"), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ fingerprint: fingerprint(sources), knowledge }));
    renameSync(partial, file);
  } catch {
    // read-only or full: the next load validates again
  }
}
