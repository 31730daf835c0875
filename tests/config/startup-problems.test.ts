// Start-up refuses a bad configuration with one message naming every problem and where it is: the database path
// (PLANBOT_DB), the reporters file and the chats file together; a path under /proc fails at once instead of hanging.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ConfigError } from "../../src/config/env.js";
import { type RuntimeFixture, runtimeFixture } from "../progress/runtime-fixture.js";

let fx: RuntimeFixture;
beforeEach(() => {
  fx = runtimeFixture();
});
afterEach(() => fx.cleanup());

function startupError(extra: Record<string, string>): Error {
  try {
    fx.open(extra).close();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected start-up to fail");
}

it("names PLANBOT_DB and the path when a parent of the path is a file", () => {
  writeFileSync(join(fx.dir, "afile"), "x");
  const db = join(fx.dir, "afile", "sub", "planbot.sqlite");
  const err = startupError({ PLANBOT_DB: db });
  expect(err).toBeInstanceOf(ConfigError);
  expect(err.message).toContain(`PLANBOT_DB=${db}`);
  expect(err.message).toContain(join(fx.dir, "afile"));
  expect(err.message).not.toMatch(/^EEXIST/);
});

it.each([
  ["a folder", (dir: string) => mkdirSync(join(dir, "db.sqlite"))],
  ["not a database", (dir: string) => writeFileSync(join(dir, "db.sqlite"), "not sqlite at all, ".repeat(100))],
])("names PLANBOT_DB and the path when the file is %s", (_, make) => {
  make(fx.dir);
  const db = join(fx.dir, "db.sqlite");
  const err = startupError({ PLANBOT_DB: db });
  expect(err).toBeInstanceOf(ConfigError);
  expect(err.message).toContain(`PLANBOT_DB=${db}`);
});

it.each(["/proc/self/status", "/proc/planbot/db.sqlite", "/dev/null"])(
  "refuses %s at once: not a regular file",
  (db) => {
    const err = startupError({ PLANBOT_DB: db });
    expect(err.message).toContain(`PLANBOT_DB=${db}`);
  },
);

it("lists the database, reporters file and chats file problems in one message", () => {
  writeFileSync(join(fx.dir, "afile"), "x");
  const reporters = join(fx.dir, "reporters.yaml");
  writeFileSync(reporters, "reporters:\n  - { userid: a }\n  - { userid: b, name: B, role: boss }\n");
  const chats = join(fx.dir, "chats.yaml");
  writeFileSync(chats, "chats:\n  - { name: g1 }\n  - { name: g2, webhookKey: abc }\n");
  const err = startupError({
    PLANBOT_DB: join(fx.dir, "afile", "db.sqlite"),
    PLANBOT_REPORTERS: reporters,
    PLANBOT_CHATS: chats,
  });
  expect(err).toBeInstanceOf(ConfigError);
  for (const part of ["PLANBOT_DB=", "reporters[0].name", "reporters[1].role", "chats[0]", "chats[1].webhookKey"]) {
    expect(err.message).toContain(part);
  }
});
