// Wall-clock date and time in a time zone (Asia/Shanghai for planbot), from an instant.

export const PLAN_TIME_ZONE = "Asia/Shanghai";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `{ day: "YYYY-MM-DD", time: "HH:MM" }` of `ms` as a clock in `timeZone` shows it. */
export function localDateTime(ms: number, timeZone = PLAN_TIME_ZONE): { day: string; time: string } {
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
