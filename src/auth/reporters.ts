// The reporters file: which WeCom userids may record progress, for which departments, and who is a contact.

import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { parseYaml } from "../config/parse-yaml.js";

export const Reporter = z
  .object({
    userid: z.string().min(1),
    name: z.string().min(1),
    /** one department or several; admins may have none */
    department: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    role: z.enum(["reporter", "admin"]).default("reporter"),
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

export function parseReporters(text: string, origin = "reporters file"): ReportersFile {
  const parsed = ReportersFile.safeParse(parseYaml(text) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${origin}: invalid: ${issue?.path.join(".")} ${issue?.message}`);
  }
  return parsed.data;
}

/** Reads the file when it exists; a missing file means nobody but the CLI and the API may write. */
export function loadReporters(file: string | undefined): ReportersFile {
  if (!file || !existsSync(file)) return NO_REPORTERS;
  return parseReporters(readFileSync(file, "utf8"), file);
}
