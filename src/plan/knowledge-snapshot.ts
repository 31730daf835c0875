// The knowledge as last validated, kept in the OS temp folder: a load whose source files (and the schema's code)
// are byte-identical to those of the snapshot reads it with one JSON.parse instead of YAML parsing and zod
// validation, which made most of `planbot ask`'s start-up. Any edit, or a newer schema, validates fully again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface KnowledgeSource {
  path: string;
  text: string;
}

/** Bumped when what a snapshot holds changes shape. */
const SNAPSHOT_FORMAT = 1;

/** The code that decides what valid knowledge is: a change to it makes every snapshot stale. */
const SCHEMA_FILES = ["./schema.js", "./knowledge.js", "../search/glossary.js"];

let schemaDigest: string | undefined;
function schemaFingerprint(): string {
  if (schemaDigest === undefined) {
    const hash = createHash("sha256");
    for (const f of SCHEMA_FILES) {
      const url = new URL(f, import.meta.url);
      // Under the TypeScript runner the sources are .ts files.
      for (const candidate of [url, new URL(url.href.replace(/\.js$/, ".ts"))]) {
        try {
          hash.update(readFileSync(candidate));
          break;
        } catch {
          // not this one
        }
      }
    }
    schemaDigest = hash.digest("hex");
  }
  return schemaDigest;
}

function fingerprint(sources: KnowledgeSource[]): string {
  const hash = createHash("sha256").update(`${SNAPSHOT_FORMAT}\0${schemaFingerprint()}`);
  for (const s of [...sources].sort((a, b) => a.path.localeCompare(b.path))) hash.update(`\0${s.path}\0${s.text}`);
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
