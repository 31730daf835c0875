// How the dashboard shows a target's status (decided by src/progress/status.ts): label plus icon, never colour alone.
import { STATUS_LABEL, TargetStatus } from "../progress/status.js";

export { TargetStatus };

export function isTargetStatus(value: string): value is TargetStatus {
  return (TargetStatus as readonly string[]).includes(value);
}

/** Icons chosen to differ in shape, so the states stay apart in grey print and for colour-blind readers. */
const STATUS_ICONS: Record<TargetStatus, string> = {
  done: "✔",
  on_pace: "●",
  behind: "▼",
  stale: "◷",
  missed: "✖",
  recorded: "◆",
  no_record: "○",
};

export function statusLook(status: TargetStatus): { label: string; icon: string } {
  return { label: STATUS_LABEL[status], icon: STATUS_ICONS[status] };
}
