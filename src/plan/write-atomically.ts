// Replaces a knowledge file in one step (write beside it, then rename): a service reloading plans sees the old file
// or the new one, never a half-written one.
import { renameSync, writeFileSync } from "node:fs";

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
