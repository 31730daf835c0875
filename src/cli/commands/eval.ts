// planbot eval
import type { Command } from "commander";

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot eval is not built yet");
    });
}
