// planbot ask
import type { Command } from "commander";

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot ask is not built yet");
    });
}
