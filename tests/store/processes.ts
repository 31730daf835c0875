// Other processes on this host that a test can name as the holder of a claim (store/process-holder.ts): one that
// still runs, and the same one after a SIGKILL.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { hostname } from "node:os";

export interface OtherProcess {
  /** its holder name as it would write it (the start time is any number: only host and pid are checked) */
  holder: string;
  /** SIGKILLs it and waits until it is reaped, so that its pid no longer runs */
  kill(): Promise<void>;
}

export async function startOtherProcess(): Promise<OtherProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 60_000)"], { stdio: "ignore" });
  await once(child, "spawn");
  const exited = once(child, "exit");
  return {
    holder: `${hostname()}:${child.pid}:1`,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
