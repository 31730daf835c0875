// Wall-clock date and time in a time zone (Asia/Shanghai for planbot), from an instant.

export const PLAN_TIME_ZONE = "Asia/Shanghai";

/**
 * China has kept UTC+8 without daylight saving since 1991, so its clock is plain arithmetic. That matters at start-up:
 * the first Intl formatter a process builds loads ICU's time-zone data, 20–30 ms on a shared core.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const CHINA_FIXED_SINCE_MS = Date.UTC(1992, 0, 1);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `{ day: "YYYY-MM-DD", time: "HH:MM" }` of `ms` as a clock in `timeZone` shows it. */
export function localDateTime(ms: number, timeZone = PLAN_TIME_ZONE): { day: string; time: string } {
  if (timeZone === PLAN_TIME_ZONE && ms >= CHINA_FIXED_SINCE_MS) {
    const iso = new Date(ms + CHINA_OFFSET_MS).toISOString();
    return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
