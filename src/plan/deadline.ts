// Reads a 完成时限 as plans and task tables write it (2025年底前, 2026年6月底前, 2025年9月30日前, 长期坚持, 每年).
import type { Task } from "./schema.js";

export type Deadline = NonNullable<Task["deadline"]>;

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The day a deadline falls on, when its text names one; recurring and open-ended ones keep only their text. */
export function readDeadline(raw: string): Deadline | undefined {
  const text = raw.replace(/\s+/g, "");
  if (text === "") return undefined;
  const day = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (day) return { text, date: `${day[1]}-${pad(Number(day[2]))}-${pad(Number(day[3]))}` };
  const month = /(\d{4})年(\d{1,2})月(?:底|末)?/.exec(text);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m >= 1 && m <= 12) return { text, date: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  }
  const half = /(\d{4})年(上半年|一季度|第一季度|二季度|第二季度|三季度|第三季度|前三季度|四季度|第四季度|下半年)/.exec(
    text,
  );
  if (half) {
    const endMonth: Record<string, number> = {
      一季度: 3,
      第一季度: 3,
      上半年: 6,
      二季度: 6,
      第二季度: 6,
      三季度: 9,
      第三季度: 9,
      前三季度: 9,
      四季度: 12,
      第四季度: 12,
      下半年: 12,
    };
    const [y, m] = [Number(half[1]), endMonth[half[2] ?? ""] ?? 12];
    return { text, date: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  }
  const year = /^(\d{4})年(?:底|末|内|年底)?(?:前|以前)?$/.exec(text) ?? /(\d{4})年(?:底|末)/.exec(text);
  if (year) return { text, date: `${year[1]}-12-31` };
  return { text };
}
