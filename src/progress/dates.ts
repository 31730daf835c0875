// Calendar arithmetic on YYYY-MM-DD days (UTC midnight, so no time zone or DST can shift a day).
const DAY_MS = 86_400_000;

/** Parsed days, because a status overview asks about the same few days (period ends, today) many times over. */
const parsed = new Map<string, number>();

export function dayNumber(day: string): number {
  let n = parsed.get(day);
  if (n === undefined) {
    n = Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(day, n);
  }
  return n;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: string, n: number): string {
  return new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** The Shanghai calendar day (UTC+8, no DST) an ISO timestamp falls on. */
export function shanghaiDayOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day begins (UTC+8, no DST), as an ISO timestamp. */
export function shanghaiMidnight(day: string): string {
  return new Date(dayNumber(day) * DAY_MS - 8 * 3_600_000).toISOString();
}
