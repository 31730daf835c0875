// planbot serve
import type { Command } from "commander";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("(not yet built)")
    .action(() => {
      throw new Error("planbot serve is not built yet");
    });
}
