// Types for the parts of koa-ratelimit (no types of its own) that planbot uses: the memory driver.
declare module "koa-ratelimit" {
  import type { Context, Middleware } from "koa";

  interface MemoryOptions {
    driver: "memory";
    db: Map<string, unknown>;
    duration: number;
    max: number;
    id?: (ctx: Context) => string | false;
    namespace?: string;
    errorMessage?: string;
    disableHeader?: boolean;
    whitelist?: (ctx: Context) => boolean | Promise<boolean>;
  }
  export default function ratelimit(options: MemoryOptions): Middleware;
}
