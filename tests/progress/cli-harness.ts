// Runs planbot's progress and digest commands in-process against a runtime fixture's database, capturing stdout.
import { Command } from "commander";
import { vi } from "vitest";
import { registerDigest } from "../../src/cli/commands/digest.js";
import { registerProgress } from "../../src/cli/commands/progress.js";
import type { ProgressRecord } from "../../src/progress/schema.js";
import { openDatabase } from "../../src/store/database.js";
import { createProgressStore } from "../../src/store/progress-store.js";
import type { RuntimeFixture } from "./runtime-fixture.js";

export async function runCli(fx: RuntimeFixture, ...args: string[]): Promise<string> {
  const program = new Command("planbot").exitOverride();
  registerProgress(program);
  registerDigest(program);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "planbot", ...args, "--db", fx.db]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** Every stored record, in storage order. */
export function storedRecords(fx: RuntimeFixture): ProgressRecord[] {
  const db = openDatabase(fx.db);
  try {
    return createProgressStore(db).list();
  } finally {
    db.close();
  }
}
