// planbot progress
import type { Command } from "commander";

export function registerProgress(program: Command): void {
  program
    .command("progress")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot progress is not built yet");
    });
}
