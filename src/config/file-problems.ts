// The files the environment names (database, reporters, chats), checked beside the variables when those have
// problems, so that start-up lists every problem in one message; openRuntime checks the same files once it can open.
import { existsSync, readFileSync } from "node:fs";
import { parseReporters } from "../auth/reporters.js";
import { databasePathProblem } from "../store/database-path.js";
import { loadChats } from "../wecom/chats.js";

/** An error's message as lines of the one configuration message ("- …", its own list indented below). */
export function problemLines(err: Error): string {
  return err.message
    .split("\n")
    .map((l) => (l.startsWith("- ") ? `  ${l}` : `- ${l}`))
    .join("\n");
}

/** Runs one check of start-up; its failure becomes lines of the one configuration message (`what` words them). */
export function attempt<T>(
  problems: string[],
  run: () => T,
  what: (err: Error) => string = problemLines,
): T | undefined {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    problems.push(what(err));
    return undefined;
  }
}

/** Problems of the files named by the raw variables (defaults as env.ts has them). */
export function fileProblems(source: NodeJS.ProcessEnv): string[] {
  const raw = (key: string) => source[key]?.trim() || undefined;
  const problems: string[] = [];
  const db = raw("PLANBOT_DB") ?? "./data/planbot.sqlite";
  const dbProblem = databasePathProblem(db);
  if (dbProblem) problems.push(`- PLANBOT_DB=${db}: ${dbProblem}`);
  const reporters = raw("PLANBOT_REPORTERS");
  if (reporters && existsSync(reporters))
    attempt(problems, () => parseReporters(readFileSync(reporters, "utf8"), reporters));
  const chats = raw("PLANBOT_CHATS");
  if (chats) attempt(problems, () => loadChats(chats));
  return problems;
}
