// Pushes a markdown message to a group (or a user) over the long connection (`aibot_send_msg`), for chats that have
// no group-robot webhook; answers in the outbox worker's terms (delivered, or why not and whether to try again).
import type { WSClient } from "@wecom/aibot-node-sdk";
import type { DeliveryResult } from "../outbox-worker.js";
import { describe } from "./callbacks.js";

export type LongConnPusher = (chatid: string, markdown: string) => Promise<DeliveryResult>;

/** The SDK's rejection for a frame that never left: no connection, so nothing can have arrived. */
const NOT_SENT = /not connected|unable to send/i;

export function createLongConnPusher(client: Pick<WSClient, "sendMessage" | "isConnected">): LongConnPusher {
  return async (chatid, markdown) => {
    if (!client.isConnected) {
      return { ok: false, retryable: true, error: "long connection not authenticated: the push waits for it" };
    }
    try {
      await client.sendMessage(chatid, { msgtype: "markdown", markdown: { content: markdown } });
      return { ok: true };
    } catch (err) {
      const error = describe(err);
      // WeCom answered with an errcode: it refused the push, nothing was shown, another attempt may succeed.
      if (!(err instanceof Error) || NOT_SENT.test(error)) return { ok: false, retryable: true, error };
      // No acknowledgement (timeout, or the connection closed after the frame left): the push may have arrived,
      // and aibot_send_msg has no duplicate check, so it is not sent again.
      return {
        ok: false,
        retryable: false,
        error: `${error} (may have arrived: not sent again)`,
        maybeDelivered: true,
      };
    }
  };
}
