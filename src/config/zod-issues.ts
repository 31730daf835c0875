// Every problem a zod schema found in a configuration file, one line each with where it is (chats[1].webhookKey).
import type { z } from "zod";

export function issuePath(path: readonly PropertyKey[]): string {
  return (
    path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(file)"
  );
}

/** "- path: message" for each issue, in the order zod found them. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `- ${issuePath(i.path)}: ${i.message}`);
}
