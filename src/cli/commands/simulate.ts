// planbot simulate
import type { Command } from "commander";

export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot simulate is not built yet");
    });
}
