// The one shape every transport turns an incoming chat message into, and the one reply shape it renders back.
import { z } from "zod";

/** dashboard: the page's "try the bot" box, one conversation per browser session */
export const Channel = z.enum(["wecom-bot", "wecom-app", "http", "cli", "simulator", "dashboard"]);
export type Channel = z.infer<typeof Channel>;

/** The longest message answered; a longer one is told so, with this figure. */
export const MAX_MESSAGE_CHARS = 4000;

export const IncomingMessage = z.object({
  text: z.string().max(MAX_MESSAGE_CHARS),
  /** sender identity as the transport knows it (WeCom userid); "anonymous" for open HTTP */
  userid: z.string().min(1),
  displayName: z.string().optional(),
  chatid: z.string().optional(),
  channel: Channel,
});
export type IncomingMessage = z.infer<typeof IncomingMessage>;

/**
 * Channels whose sender nobody verified: open HTTP (the dashboard's "try the bot" box). Whatever userid they carry,
 * no state changes through them; WeCom signs its callbacks and the CLI runs as whoever holds the database file.
 */
const UNVERIFIED: ReadonlySet<Channel> = new Set(["http"]);

export function senderVerified(channel: Channel): boolean {
  return !UNVERIFIED.has(channel);
}

export interface Reply {
  /** WeCom-flavoured markdown, ready to send */
  markdown: string;
  /** what the reply was, for logs and metrics */
  kind: string;
  /**
   * Choices the sender may pick with one click where the channel can show buttons (the long connection's template
   * card); channels without buttons show the markdown alone, which says how to do the same by typing.
   */
  choices?: ReplyChoices;
}

export interface ReplyChoices {
  title: string;
  description: string;
  /** `key` goes back to `chooseProgress` when clicked; at most 6 */
  options: { key: string; text: string }[];
}

export interface HandleOptions {
  /**
   * For a message that changes state: stores the reply as the message id's "done" mark. The handler calls it inside
   * the transaction that writes the change, so that a crash cannot leave one without the other.
   */
  commit?: (reply: Reply) => void;
}

export type MessageHandler = (msg: IncomingMessage, options?: HandleOptions) => Promise<Reply>;
