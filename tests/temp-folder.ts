// The test run's temporary files go to one folder of their own, removed when the run ends: tests make SQLite files,
// knowledge folders and spreadsheets under os.tmpdir() (which reads TMPDIR), and a thousand of them were left behind
// by a few runs. Forked test workers inherit TMPDIR from this process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), "planbot-tests-"));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(folder, { recursive: true, force: true });
  };
}
