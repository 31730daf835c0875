// The one shape every transport turns an incoming chat message into, and the one reply shape it renders back.
import { z } from "zod";

/** dashboard: the page's "try the bot" box, one conversation per browser session */
export const Channel = z.enum(["wecom-bot", "wecom-app", "http", "cli", "simulator", "dashboard"]);
export type Channel = z.infer<typeof Channel>;

export const IncomingMessage = z.object({
  text: z.string().max(4000),
  /** sender identity as the transport knows it (WeCom userid); "anonymous" for open HTTP */
  userid: z.string().min(1),
  displayName: z.string().optional(),
  chatid: z.string().optional(),
  channel: Channel,
});
export type IncomingMessage = z.infer<typeof IncomingMessage>;

export interface Reply {
  /** WeCom-flavoured markdown, ready to send */
  markdown: string;
  /** what the reply was, for logs and metrics */
  kind: string;
}

export type MessageHandler = (msg: IncomingMessage) => Promise<Reply>;
