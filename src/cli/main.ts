#!/usr/bin/env node
// planbot's command line: one sub-command a file under commands/.
import { Command } from "commander";
import { registerCommands } from "./commands/index.js";

const program = new Command("planbot").description("Plan execution assistant for WeCom groups");
registerCommands(program, process.argv)
  .then(() => program.parseAsync(process.argv))
  .catch((err: unknown) => {
    process.stderr.write(`planbot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
