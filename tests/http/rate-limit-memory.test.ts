// koa-ratelimit's memory driver never forgets an address; planbot sweeps expired entries so a scan cannot grow it.
import { expect, it } from "vitest";
import { sweptMap } from "../../src/http/access/rate-limits.js";

it("sweeps entries whose window has ended and keeps the others", () => {
  const { db, sweep } = sweptMap();
  const nowS = Date.now() / 1000;
  db.set("limit:1.2.3.4", { reset: nowS - 1, remaining: 0, total: 300 });
  db.set("limit:5.6.7.8", { reset: nowS + 30, remaining: 10, total: 300 });
  sweep();
  expect([...db.keys()]).toEqual(["limit:5.6.7.8"]);
});
