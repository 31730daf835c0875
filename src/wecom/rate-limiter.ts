// A sliding-window limiter per robot: at most `limit` sends in any `windowMs`; later callers wait their turn in FIFO order.
import { type Clock, systemClock } from "./clock.js";

export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  clock?: Clock;
}

/** Call once the send is over (answered or failed): from then on its slot ages out of the window. */
export type ReleaseSlot = () => void;

interface Slot {
  /** when the send finished; +Infinity while it is in flight */
  at: number;
}

interface RobotWindow {
  slots: Slot[];
  /** the last caller's turn, so the next caller queues behind it */
  tail: Promise<unknown>;
  /** callers waiting for an in-flight send to finish */
  waiters: Array<() => void>;
}

/**
 * Each robot has its own window and queue, so a full window on one robot never delays another.
 * A slot is stamped when the send finishes, not when it starts: WeCom counts on arrival, which lies
 * between the two, so our window can never hold more sends than WeCom's.
 */
export class SlidingWindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: Clock;
  readonly #robots = new Map<string, RobotWindow>();

  constructor(options: SlidingWindowOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new Error("limit and windowMs must be positive");
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#clock = options.clock ?? systemClock;
  }

  /** Resolves when `robot` may send; the caller must call the returned function when the send is over. */
  acquire(robot: string): Promise<ReleaseSlot> {
    let w = this.#robots.get(robot);
    if (!w) {
      w = { slots: [], tail: Promise.resolve(), waiters: [] };
      this.#robots.set(robot, w);
    }
    const robotWindow = w;
    const turn = robotWindow.tail.then(() => this.#waitForSlot(robotWindow));
    robotWindow.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Sends counted against a robot's window right now (in flight included). */
  inWindow(robot: string): number {
    const w = this.#robots.get(robot);
    if (!w) return 0;
    this.#prune(w);
    return w.slots.length;
  }

  async #waitForSlot(w: RobotWindow): Promise<ReleaseSlot> {
    for (;;) {
      this.#prune(w);
      if (w.slots.length < this.#limit) {
        const slot: Slot = { at: Number.POSITIVE_INFINITY };
        w.slots.push(slot);
        return () => {
          if (slot.at !== Number.POSITIVE_INFINITY) return;
          slot.at = this.#clock.now();
          for (const wake of w.waiters.splice(0)) wake();
        };
      }
      const oldestFinished = Math.min(...w.slots.map((s) => s.at));
      if (oldestFinished === Number.POSITIVE_INFINITY) {
        await new Promise<void>((resolve) => w.waiters.push(resolve));
      } else {
        await this.#clock.sleep(oldestFinished + this.#windowMs - this.#clock.now());
      }
    }
  }

  #prune(w: RobotWindow): void {
    const cutoff = this.#clock.now() - this.#windowMs;
    w.slots = w.slots.filter((s) => s.at > cutoff);
  }
}
