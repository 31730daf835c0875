// The chats file (PLANBOT_CHATS): which group robots get which plan's digest, and when. Validated by zod.
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { parseYaml } from "../config/parse-yaml.js";
import { describeIssues } from "../config/zod-issues.js";
import type { Runtime } from "../runtime.js";
import type { RobotTarget } from "./webhook.js";

export const ChatConfig = z
  .object({
    /** how the chat is named in logs, the outbox and `--chat`; not sent to WeCom */
    name: z.string().trim().min(1).max(64),
    /** the group robot's webhook key (a secret) … */
    webhookKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{8,128}$/, "must be the key from the robot's webhook URL (letters, digits, dashes)")
      .optional(),
    /** … or its full webhook URL (a secret too) */
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** local time in Asia/Shanghai, HH:MM; absent = no daily digest (announcements only) */
    digestTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "HH:MM" (24-hour, e.g. "09:00")')
      .optional(),
    /** plan slug; absent = every loaded plan */
    plan: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "must be a plan slug")
      .optional(),
    /** the group's chatid as the intelligent bot sees it: questions asked there are about `plan` unless they name another */
    chatid: z.string().trim().min(1).max(128).optional(),
  })
  .strict()
  .refine((c) => c.webhookKey === undefined || c.webhookUrl === undefined, {
    message: "give exactly one of webhookKey or webhookUrl (both are given)",
  })
  // Without a webhook, the digest goes to the chatid over the intelligent bot's long connection (aibot_send_msg).
  .refine((c) => c.webhookKey !== undefined || c.webhookUrl !== undefined || c.chatid !== undefined, {
    message: "give webhookKey or webhookUrl (group robot), or a chatid (pushed over the long connection)",
  });
export type ChatConfig = z.infer<typeof ChatConfig>;

export const ChatsFile = z
  .object({ chats: z.array(ChatConfig) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.chats.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({ code: "custom", path: ["chats", i, "name"], message: "duplicate chat name" });
      seen.add(c.name);
    });
  });
export type ChatsFile = z.infer<typeof ChatsFile>;

export class ChatsFileError extends Error {
  override readonly name = "ChatsFileError";
}

/** Reads and validates the chats file; every problem is listed in one error (no secret values in it). */
export function loadChats(file: string): ChatConfig[] {
  if (!existsSync(file)) throw new ChatsFileError(`chats file not found: ${file}`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ChatsFileError(`chats file ${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  return parseChats(raw, file);
}

export function parseChats(raw: unknown, source = "chats"): ChatConfig[] {
  const parsed = ChatsFile.safeParse(raw ?? { chats: [] });
  if (!parsed.success) {
    throw new ChatsFileError(`Invalid chats file ${source}:\n${describeIssues(parsed.error).join("\n")}`);
  }
  return parsed.data.chats;
}

/** chatid → plan slug, for the chats that give both: which plan a group's questions are about. */
export function plansByChatid(chats: ChatConfig[]): Map<string, string> {
  return new Map(chats.flatMap((c) => (c.chatid && c.plan ? [[c.chatid, c.plan] as const] : [])));
}

/** Chats naming a plan that is not loaded: reported at start-up rather than at digest time. */
export function chatPlanProblems(chats: ChatConfig[], planSlugs: string[]): string[] {
  return chats
    .filter((c) => c.plan !== undefined && !planSlugs.includes(c.plan))
    .map((c) => `- chat "${c.name}": plan "${c.plan}" is not in the knowledge folder`);
}

/** A webhook chat's group robot (see chatTransport for chats that may have none). */
export function chatRobot(chat: ChatConfig): RobotTarget {
  if (chat.webhookUrl !== undefined) return { url: chat.webhookUrl };
  return { key: chat.webhookKey ?? "" };
}

/** How a chat's pushes travel: its group robot's webhook, or the long connection to its chatid. */
export type ChatTransport = { kind: "webhook"; robot: RobotTarget } | { kind: "long-connection"; chatid: string };

export function chatTransport(chat: ChatConfig): ChatTransport {
  if (chat.webhookUrl !== undefined) return { kind: "webhook", robot: { url: chat.webhookUrl } };
  if (chat.webhookKey !== undefined) return { kind: "webhook", robot: { key: chat.webhookKey } };
  return { kind: "long-connection", chatid: chat.chatid ?? "" };
}

/** Chats pushed over the long connection when it is not configured: reported at start-up. */
export function chatTransportProblems(chats: ChatConfig[], longConnection: boolean): string[] {
  if (longConnection) return [];
  return chats
    .filter((c) => chatTransport(c).kind === "long-connection")
    .map((c) => `- chat "${c.name}": no webhook, and WECOM_BOT_ID / WECOM_BOT_SECRET (long connection) are not set`);
}

/** The chats file named by PLANBOT_CHATS, checked against the loaded plans; [] when the variable is unset. */
export function chatsFromEnv(runtime: Pick<Runtime, "env" | "plans">): ChatConfig[] {
  const file = runtime.env.PLANBOT_CHATS;
  if (file === undefined) return [];
  const chats = loadChats(file);
  const env = runtime.env;
  const problems = [
    ...chatPlanProblems(
      chats,
      runtime.plans.plans.map((p) => p.slug),
    ),
    ...chatTransportProblems(chats, env.WECOM_BOT_ID !== undefined && env.WECOM_BOT_SECRET !== undefined),
  ];
  if (problems.length > 0) throw new ChatsFileError(`Invalid chats file ${file}:\n${problems.join("\n")}`);
  return chats;
}
