// Who a signed-in person is on the web: the userid WeCom vouched for, with the role and department the reporters file gives.
import { z } from "zod";
import { findReporter } from "./permission.js";
import type { ReportersFile } from "./reporters.js";

export const Role = z.enum(["viewer", "reporter", "admin"]);
export type Role = z.infer<typeof Role>;

/** What the access middleware puts in ctx.state.user; other modules rely on exactly this shape. */
export const WebUser = z.object({
  userid: z.string().min(1),
  role: Role,
  department: z.string().min(1).optional(),
});
export type WebUser = z.infer<typeof WebUser>;

const RANK: Record<Role, number> = { viewer: 0, reporter: 1, admin: 2 };

/** Whether `role` has at least the rights of `needed` (admin ⊇ reporter ⊇ viewer). */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export const ROLE_LABEL: Record<Role, string> = { viewer: "查看者", reporter: "填报员", admin: "管理员" };

/**
 * The web identity of a WeCom userid, read from the reporters file each time so that a changed or removed entry
 * takes effect without waiting for sessions to end. Unknown userids have none.
 */
export function webUserFor(file: ReportersFile, userid: string): WebUser | undefined {
  const reporter = findReporter(file, userid);
  if (!reporter) return undefined;
  const department = reporter.departments[0];
  return { userid, role: reporter.role, ...(department ? { department } : {}) };
}
