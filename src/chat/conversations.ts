// Per-conversation memory for follow-ups: one sender in one chat, for a few minutes. Why a sender and not the whole
// group: in a group two people ask about different tasks at once, and "那协同部门呢" continues the asker's own.
import type { Conversation } from "../answer/answerer.js";
import type { IncomingMessage } from "./message.js";

export interface ConversationsOptions {
  /** a follow-up later than this starts afresh */
  ttlMs?: number;
  /** conversations kept at most (the least recent are forgotten first) */
  capacity?: number;
  now?: () => number;
}

export interface Conversations {
  /** the conversation a message belongs to; undefined for transports without a stable sender (HTTP, CLI) */
  of(msg: IncomingMessage): Conversation | undefined;
}

// The dashboard's try box names its conversation (an id the browser keeps for its session), so it is remembered
// like a chat; open HTTP and the CLI have no stable sender.
const REMEMBERED = new Set<IncomingMessage["channel"]>(["wecom-bot", "wecom-app", "simulator", "dashboard"]);

export function createConversations(options: ConversationsOptions = {}): Conversations {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const capacity = options.capacity ?? 10_000;
  const now = options.now ?? Date.now;
  /** key → conversation and when it was last used; insertion order is recency order */
  const held = new Map<string, { conversation: Conversation; at: number }>();

  return {
    of(msg) {
      if (!REMEMBERED.has(msg.channel)) return undefined;
      const key = `${msg.channel}\u0000${msg.chatid ?? ""}\u0000${msg.userid}`;
      const t = now();
      const found = held.get(key);
      held.delete(key);
      const conversation = found && t - found.at <= ttlMs ? found.conversation : { last: null };
      held.set(key, { conversation, at: t });
      for (const [k, v] of held) {
        if (held.size <= capacity && t - v.at <= ttlMs) break;
        held.delete(k);
      }
      return conversation;
    },
  };
}
