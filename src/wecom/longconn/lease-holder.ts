// One replica holds the bot's long connection: WeCom keeps one connection per bot and closes the older one when
// another subscribes (disconnected_event), so replicas that all dialled would take the bot from each other. The
// replica holding the lease connects; the others wait in standby and take the lease over once it expires.

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { logger } from "../../log.js";
import type { Leases } from "../../store/leases.js";
import type { LongConnection } from "./channel.js";

export interface LeaseHolderOptions {
  leases: Leases;
  connection: Pick<LongConnection, "start" | "stop">;
  /** one lease per bot */
  botId: string;
  /** how long a lease lasts without renewal: a dead holder's replica is replaced within about this long */
  ttlMs: number;
  /** how often the holder renews and the others try to take over (default a third of ttlMs) */
  checkMs?: number;
}

export interface LeaseHolder {
  holding(): boolean;
  /** hangs up (when holding) and gives the lease up, so that another replica need not wait for it to expire */
  release(): void;
}

export function holdLongConnectionLease(o: LeaseHolderOptions): LeaseHolder {
  const log = logger.child({ channel: "wecom-longconn" });
  const name = `wecom-longconn:${o.botId}`;
  const me = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  let holding = false;
  let released = false;

  const check = () => {
    if (released) return;
    try {
      if (holding) {
        if (o.leases.renew(name, me, o.ttlMs)) return;
        // Someone took it over (we stalled past the lease): hang up before WeCom closes one of us.
        holding = false;
        log.warn("long-connection lease lost: standing by");
        o.connection.stop("standby");
        return;
      }
      if (o.leases.acquire(name, me, o.ttlMs)) {
        holding = true;
        log.info("long-connection lease taken: connecting");
        o.connection.start();
      }
    } catch (err) {
      // A store error is not a reason to hang up at once: the lease still runs until it expires.
      log.error({ err }, "long-connection lease check failed");
    }
  };

  check();
  if (!holding) o.connection.stop("standby");
  const timer = setInterval(check, o.checkMs ?? Math.max(100, Math.floor(o.ttlMs / 3))).unref();

  return {
    holding: () => holding,
    release() {
      released = true;
      clearInterval(timer);
      if (holding) o.leases.release(name, me);
      holding = false;
    },
  };
}
