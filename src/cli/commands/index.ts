// Every sub-command, registered in help order.
import type { Command } from "commander";
import { registerAsk } from "./ask.js";
import { registerDigest } from "./digest.js";
import { registerEval } from "./eval.js";
import { registerImport } from "./import.js";
import { registerProgress } from "./progress.js";
import { registerServe } from "./serve.js";
import { registerSimulate } from "./simulate.js";

export function registerCommands(program: Command): void {
  for (const register of [
    registerAsk,
    registerImport,
    registerProgress,
    registerDigest,
    registerServe,
    registerSimulate,
    registerEval,
  ]) {
    register(program);
  }
}
