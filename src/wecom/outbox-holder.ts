// Who holds an outbox row: host and process, so a restarted service recognises rows its killed predecessor held.
import { hostname } from "node:os";

/** This process's holder name: host, pid and start time (the pid alone can come back after a reboot). */
export const thisProcessHolder = `${hostname()}:${process.pid}:${Date.now() - Math.round(process.uptime() * 1000)}`;

/**
 * true when `holder` is certainly gone: a process on this host that no longer runs, or an earlier process that had
 * this one's pid. A holder on another host is never presumed gone; its lease runs out instead.
 */
export function holderIsGone(holder: string, me = thisProcessHolder): boolean {
  const [host, pidText] = holder.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (holder === me) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
