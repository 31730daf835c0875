// The chat grammar for progress, in plain Chinese. Pure parsing: text in, a command (or null: not a progress command) out.
export type ProgressCommand =
  | { kind: "record"; ref: string; text: string; asOf: string | null }
  | { kind: "show"; ref: string }
  | { kind: "history"; ref: string }
  | { kind: "correct"; id: number; text: string; asOf: string | null }
  | { kind: "undo"; id: number | null }
  /** the sender's own latest records, across tasks */
  | { kind: "mine" }
  | { kind: "help" };

const NUM = "[0-9０-９一二两三四五六七八九十百]+";
/** 任务九 / 任务 9 / 第9项 / 第九项任务 / #9 at the start of the body */
// 第三 alone must be followed by a separator: 第三产业 is a word, not task three.
const TASK_REF = new RegExp(
  `^(任务\\s*${NUM}|第\\s*${NUM}\\s*(?:项|条|个)(?:任务)?|第\\s*${NUM}(?=[\\s:：,，]|$)|[#＃]\\s*\\d+)`,
);
const RECORD = /^(?:更新进展|填报进展|登记进展|报进展|进展)(?:[\s:：]+|(?=任务|第|[#＃]))([\s\S]*)$/;
const HISTORY = /^进展(?:历史|记录)[\s:：]*([\s\S]+)$/;
const CORRECT = /^更正(?:进展)?[\s:：]*[#＃]?\s*(\d+)\s*(?:号|条)?[\s:：,，]+([\s\S]+)$/;
/** 我的记录 / 我的进展 / 我填报的进展 / 我登记过的记录: at least one of the record words, so "我的" alone is not it */
const MINE =
  /^(?:查看|查询|看看)?我(?:的|(?:登记|填报|报送?|提交|录入)过?的)(?:进展记录|进展|记录|填报记录|填报|登记)(?:有哪些|列表|清单)?[?？]?$/;
const UNDO = /^撤销(?:进展)?[\s:：]*(?:[#＃]|第)?\s*(\d+)?\s*(?:号|条)?$/;
const HELP =
  /^(?:(?:更新|填报|登记|报)?进展|进展\s*(?:帮助|help|\?|？)|帮助\s*进展|怎么(?:填报|登记|更新)进展[?？]?)$/i;
const QUESTION =
  /^(?:如何|怎么样|怎样|咋样|情况|进度|最新|多少)?[\s,，]*(?:如何|怎么样|怎样|咋样)?[?？]+$|^(?:如何|怎么样|怎样|咋样|情况如何|进度如何|最新情况|有哪些)$/;
/** Where a report starts after a bare task reference: a verb of progress, or the first figure. */
const REPORT_START =
  /已经?|累计|达到|达|新增|完成|突破|共有|现有|目前|本月|本季度|今年|提升|提高|下降|降低|增长|[0-9０-９]/g;
/** 截至2024年3月31日 / 截止 2024-03-31: the day the progress refers to */
const AS_OF = /截[至止]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?/;

/** 截至10月底 / 截至2024年3月 / 截止9月15日: a month (and day) whose year the chat's today decides */
const AS_OF_MONTH = /截[至止]到?\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|底|末|份)?/;

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The day a report refers to, on `today`: a full date as written; a month without a year is the latest such month
 * not after today (截至10月底 in January is last October), its last day unless a day is given. A month-end still
 * ahead (截至本月底) is read as today: a report cannot be about a later day.
 */
export function asOfInText(text: string, today: string): string | null {
  const full = extractAsOf(text);
  if (full) return full;
  const m = AS_OF_MONTH.exec(text.normalize("NFKC"));
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) return null;
  const thisYear = Number(today.slice(0, 4));
  const year = m[1] ? Number(m[1]) : month > Number(today.slice(5, 7)) ? thisYear - 1 : thisYear;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] ? Math.min(Number(m[3]), lastDay) : lastDay;
  const date = `${year}-${pad2(month)}-${pad2(day)}`;
  return !m[1] && date > today ? today : date;
}

/** Drops the @mentions a group chat puts before the text (e.g. "@政策助手 "). */
export function stripMentions(text: string): string {
  return text.replace(/^\s*(?:@\S+\s+)+/, "").trim();
}

export function extractAsOf(text: string): string | null {
  const m = AS_OF.exec(text.normalize("NFKC"));
  if (!m) return null;
  return `${m[1]}-${m[2]?.padStart(2, "0")}-${m[3]?.padStart(2, "0")}`;
}

/** Splits "任务九:本季度…" / "上市公司 已达10家" into the task reference and the progress text. */
function splitBody(body: string): { ref: string; text: string } {
  const trimmed = body.trim();
  const ref = TASK_REF.exec(trimmed);
  if (ref) return { ref: ref[1] ?? "", text: trimmed.slice(ref[0].length).replace(/^[\s:：,，、]+/, "") };
  const colon = trimmed.search(/[:：]/);
  if (colon > 0) return { ref: trimmed.slice(0, colon).trim(), text: trimmed.slice(colon + 1).trim() };
  const space = trimmed.search(/\s/);
  if (space > 0) return { ref: trimmed.slice(0, space), text: trimmed.slice(space + 1).trim() };
  // "上市公司达到9家" with no separator: a figure says it is a report; the reference ends where the report begins,
  // at least two characters in ("10亿元以上企业累计达到24家": the 10 belongs to the name).
  for (const report of trimmed.matchAll(REPORT_START)) {
    if (report.index >= 2 && /\d/.test(trimmed.slice(report.index))) {
      return { ref: trimmed.slice(0, report.index), text: trimmed };
    }
  }
  return { ref: trimmed, text: "" };
}

export function parseProgressCommand(raw: string): ProgressCommand | null {
  const text = stripMentions(raw);
  if (HELP.test(text)) return { kind: "help" };
  const history = HISTORY.exec(text);
  if (history) return { kind: "history", ref: (history[1] ?? "").trim() };
  const correct = CORRECT.exec(text);
  if (correct) {
    const body = (correct[2] ?? "").trim();
    return { kind: "correct", id: Number(correct[1]), text: body, asOf: extractAsOf(body) };
  }
  if (MINE.test(text)) return { kind: "mine" };
  const undo = UNDO.exec(text);
  if (undo) return { kind: "undo", id: undo[1] ? Number(undo[1]) : null };
  const record = RECORD.exec(text);
  if (!record) return null;
  const body = (record[1] ?? "").trim();
  if (body === "") return { kind: "help" };
  const { ref, text: progressText } = splitBody(body);
  // "进展 任务九 怎么样?" asks; it must not be stored as a report saying "怎么样?"
  if (progressText === "" || QUESTION.test(progressText)) return { kind: "show", ref };
  return { kind: "record", ref, text: progressText, asOf: extractAsOf(progressText) };
}
