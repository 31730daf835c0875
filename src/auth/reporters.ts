// The reporters file: which WeCom userids may see the dashboard or record progress, for which departments, and who is a contact.
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { parseYaml } from "../config/parse-yaml.js";
import { describeIssues } from "../config/zod-issues.js";
import { logger } from "../log.js";

export const Reporter = z
  .object({
    userid: z.string().min(1),
    name: z.string().min(1),
    /** one department or several; admins may have none */
    department: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    /** viewer: signs in to read the dashboard and answers, records nothing; reporter: also records for own
     *  departments' tasks; admin: records for every task and is named as whom to ask */
    role: z.enum(["viewer", "reporter", "admin"]).default("reporter"),
    /** mentioned in the digest when a task their department leads is behind or stale */
    contact: z.boolean().default(false),
  })
  .transform(({ department, ...r }) => ({
    ...r,
    departments: department === undefined ? [] : typeof department === "string" ? [department] : department,
  }));
export type Reporter = z.infer<typeof Reporter>;

export const ReportersFile = z
  .object({ reporters: z.array(Reporter).default([]) })
  .refine((f) => new Set(f.reporters.map((r) => r.userid)).size === f.reporters.length, "userid 重复");
export type ReportersFile = z.infer<typeof ReportersFile>;

export const NO_REPORTERS: ReportersFile = { reporters: [] };

export class ReportersFileError extends Error {
  override readonly name = "ReportersFileError";
}

/** Validates a reporters file; every problem is listed in one error. */
export function parseReporters(text: string, origin = "reporters file"): ReportersFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ReportersFileError(
      `reporters file ${origin} is not valid YAML: ${(err as Error).message.split("\n")[0]}`,
    );
  }
  const parsed = ReportersFile.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ReportersFileError(`Invalid reporters file ${origin}:\n${describeIssues(parsed.error).join("\n")}`);
  }
  return parsed.data;
}

/**
 * Reads the reporters file: PLANBOT_REPORTERS, else `fallback` (knowledge/reporters.yaml). A missing file means
 * nobody but the CLI and the API may write: said at start, since every chat write will then be refused.
 */
export function loadReporters(configured: string | undefined, fallback: string): ReportersFile {
  const file = configured ?? fallback;
  if (!existsSync(file)) {
    logger.warn(
      { PLANBOT_REPORTERS: configured ?? null, path: file },
      configured
        ? "reporters file not found (PLANBOT_REPORTERS): nobody may record progress from chat"
        : "no reporters file (PLANBOT_REPORTERS unset, knowledge/reporters.yaml absent): nobody may record progress from chat",
    );
    return NO_REPORTERS;
  }
  return parseReporters(readFileSync(file, "utf8"), file);
}
