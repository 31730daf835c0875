// "今天的简报": today's digest on request, read as the answers read the store: every record stored until now (the
// morning push covers up to midnight). Only read: asking for it never moves the window of the digests the schedule
// sends.
import { type DigestSources, prepareDigest } from "../digest/prepare.js";
import { stripMentions } from "../progress/command.js";
import { shanghaiDayOf } from "../progress/dates.js";
import type { IncomingMessage, Reply } from "./message.js";

/** 今天的简报, 发一下日报, 每日简报, 看看今日进展简报: a request for the digest, nothing else in it. */
const ASKS_DIGEST =
  /^(?:请|麻烦)?(?:发一?下|看一?下|看看|给我|来一?份|查看)?(?:今天|今日|本日|当天)?的?(?:每日|今日)?(?:进展)?(?:简报|日报|晨报|digest)[?？。!！]*$/i;

/** `planOfChat`: the plan of the group asked in (chats file); without one, the digest covers every plan. */
export function createDigestCommand(
  sources: () => DigestSources,
  today: () => string,
  planOfChat: (chatid: string) => string | undefined = () => undefined,
  now: () => Date = () => new Date(),
): (msg: IncomingMessage) => Reply | null {
  return (msg) => {
    if (!ASKS_DIGEST.test(stripMentions(msg.text).replace(/\s+/g, ""))) return null;
    const src = sources();
    const plan = msg.chatid ? planOfChat(msg.chatid) : undefined;
    // Up to now, not to this morning: on its first day a digest showing "暂无记录" beside answers showing 470/500
    // would contradict them.
    const digest = prepareDigest(src, { date: today(), until: now().toISOString(), ...(plan ? { plan } : {}) });
    const note = [`(截至 ${shanghaiTime(digest.until)} 的记录;每天早上推送的简报截至当天零点)`];
    // The morning push @-mentions the contacts of lagging tasks; a copy asked for in the chat does not ping them.
    const parts = digest.parts.map((p) => p.replace(/ ?<@[^>]+>/g, ""));
    return { markdown: [...parts, ...note].join("\n\n"), kind: "digest" };
  };
}

/** "2024-07-01 11:00": an instant as Shanghai wall time, to the minute. */
function shanghaiTime(instant: string): string {
  const t = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return `${shanghaiDayOf(instant)} ${t.slice(11, 16)}`;
}
