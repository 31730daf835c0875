// planbot import
import type { Command } from "commander";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot import is not built yet");
    });
}
