// The intelligent bot's callback body and its decrypted message, as WeCom sends them (validated, unknown fields ignored).
import { z } from "zod";

/** The HTTP body of a bot callback: {"encrypt": "…"}. */
export const BotEnvelope = z.object({ encrypt: z.string().min(1).max(100_000) });

const id = z.string().min(1).max(512);
const From = z.object({ userid: id });

const Base = z.object({
  msgid: id,
  aibotid: z.string().max(512).optional(),
  chatid: z.string().max(512).optional(),
  chattype: z.enum(["single", "group"]).optional(),
  from: From.optional(),
  response_url: z.string().max(2048).optional(),
});

// No limit of its own: the envelope's bounds the text, and one too long to answer is told so (chat-responder.ts)
// instead of failing this schema, which made it look like a kind of message the bot cannot read.
const Text = z.object({ content: z.string() });

export const BotTextMessage = Base.extend({ msgtype: z.literal("text"), from: From, text: Text });
export const BotMixedMessage = Base.extend({
  msgtype: z.literal("mixed"),
  from: From,
  mixed: z.object({
    msg_item: z.array(z.object({ msgtype: z.string(), text: Text.optional() })).max(100),
  }),
});
export const BotStreamRefresh = Base.extend({ msgtype: z.literal("stream"), stream: z.object({ id }) });
export const BotEvent = Base.extend({
  msgtype: z.literal("event"),
  event: z.object({ eventtype: z.string().max(128) }),
});

export const BotMessage = z.discriminatedUnion("msgtype", [
  BotTextMessage,
  BotMixedMessage,
  BotStreamRefresh,
  BotEvent,
]);
export type BotMessage = z.infer<typeof BotMessage>;

/** Any other well-formed message (image, file, …): we say what we can do instead. */
export const BotOtherMessage = Base.extend({ msgtype: z.string().max(64) });
