// planbot digest
import type { Command } from "commander";

export function registerDigest(program: Command): void {
  program
    .command("digest")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot digest is not built yet");
    });
}
