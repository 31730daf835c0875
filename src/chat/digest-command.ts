// "今天的简报": this morning's digest on request, as the schedule builds it (records stored yesterday, statuses as
// of today). Only read: asking for it never moves the window of the digests the schedule sends.
import { type DigestSources, prepareDigest } from "../digest/prepare.js";
import { stripMentions } from "../progress/command.js";
import type { IncomingMessage, Reply } from "./message.js";

/** 今天的简报, 发一下日报, 每日简报, 看看今日进展简报: a request for the digest, nothing else in it. */
const ASKS_DIGEST =
  /^(?:请|麻烦)?(?:发一?下|看一?下|看看|给我|来一?份|查看)?(?:今天|今日|本日|当天)?的?(?:每日|今日)?(?:进展)?(?:简报|日报|晨报|digest)[?？。!！]*$/i;

/** `planOfChat`: the plan of the group asked in (chats file); without one, the digest covers every plan. */
export function createDigestCommand(
  sources: () => DigestSources,
  today: () => string,
  planOfChat: (chatid: string) => string | undefined = () => undefined,
): (msg: IncomingMessage) => Reply | null {
  return (msg) => {
    if (!ASKS_DIGEST.test(stripMentions(msg.text).replace(/\s+/g, ""))) return null;
    const src = sources();
    const plan = msg.chatid ? planOfChat(msg.chatid) : undefined;
    const digest = prepareDigest(src, { date: today(), ...(plan ? { plan } : {}) });
    const later = src.store.list({ recordedFrom: digest.until, limit: 1000 }).length;
    const note = later > 0 ? [`(今天已登记的 ${later === 1000 ? "1000+" : later} 条进展将出现在明天的简报中)`] : [];
    // The morning push @-mentions the contacts of lagging tasks; a copy asked for in the chat does not ping them.
    const parts = digest.parts.map((p) => p.replace(/ ?<@[^>]+>/g, ""));
    return { markdown: [...parts, ...note].join("\n\n"), kind: "digest" };
  };
}
