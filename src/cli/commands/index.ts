// Every sub-command, in help order. Only the command being run is loaded: `planbot ask` need not load Koa.
import type { Command } from "commander";

type Register = (program: Command) => void;

const commands: Record<string, () => Promise<Register>> = {
  ask: async () => (await import("./ask.js")).registerAsk,
  import: async () => (await import("./import.js")).registerImport,
  matrix: async () => (await import("./matrix.js")).registerMatrix,
  progress: async () => (await import("./progress.js")).registerProgress,
  digest: async () => (await import("./digest.js")).registerDigest,
  feedback: async () => (await import("./feedback.js")).registerFeedback,
  serve: async () => (await import("./serve.js")).registerServe,
  simulate: async () => (await import("./simulate.js")).registerSimulate,
  eval: async () => (await import("./eval.js")).registerEval,
  db: async () => (await import("./db.js")).registerDb,
};

/** Registers the command named on the command line, or all of them (for help and unknown commands). */
export async function registerCommands(program: Command, argv: string[]): Promise<void> {
  const named = argv.slice(2).find((a) => !a.startsWith("-"));
  const load = named !== undefined ? commands[named] : undefined;
  for (const register of load ? [await load()] : await Promise.all(Object.values(commands).map((l) => l()))) {
    register(program);
  }
}
