// The compose file's ha profile, read as docker compose reads it (docker cannot run here): the default stays one
// service on SQLite; the profile adds PostgreSQL, two replicas on it and nginx in front, each with a healthcheck.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { EnvSchema } from "../../src/config/env.js";

const root = new URL("../../", import.meta.url).pathname;
const read = (f: string) => readFileSync(join(root, f), "utf8");

interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
}
// merge: the replicas share one definition through a YAML anchor and <<
const compose = YAML.parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const inProfile = (name: string) => services.filter(([, s]) => s.profiles?.includes(name));

describe("docker-compose.yml's ha profile", () => {
  it("leaves one service, on SQLite, when no profile is named", () => {
    const always = services.filter(([, s]) => !s.profiles);
    expect(always.map(([name]) => name)).toEqual(["planbot"]);
    expect(always[0]?.[1].environment?.PLANBOT_DB).toBeDefined();
    expect(always[0]?.[1].environment?.PLANBOT_DATABASE_URL).toBeUndefined();
  });

  it("runs PostgreSQL, two replicas on it, and nginx from its official image in front of both", () => {
    const ha = Object.fromEntries(inProfile("ha"));
    expect(ha.postgres?.image).toMatch(/^postgres:\d+/);
    const replicas = Object.entries(ha).filter(([, s]) => s.build === ".");
    expect(replicas).toHaveLength(2);
    for (const [, r] of replicas) {
      expect(r.environment?.PLANBOT_DATABASE_URL).toMatch(/^postgres:\/\/planbot:.*@postgres:5432\/planbot$/);
      expect(
        EnvSchema.shape.PLANBOT_DATABASE_URL.safeParse("postgres://planbot:pw@postgres:5432/planbot").success,
      ).toBe(true);
      expect(r.depends_on?.postgres?.condition).toBe("service_healthy");
      expect(r.ports).toBeUndefined(); // reached through nginx only
      // plans are files: one folder for both, each reloading it when it changes
      expect(r.volumes).toContain("knowledge:/app/knowledge");
    }
    const lb = ha.lb;
    expect(lb?.image).toMatch(/^nginx:/);
    expect(Object.keys(lb?.depends_on ?? {}).sort()).toEqual(replicas.map(([name]) => name).sort());
    const conf = lb?.volumes?.find((v) => v.endsWith(":/etc/nginx/conf.d/default.conf:ro"))?.split(":")[0] ?? "";
    const nginx = read(conf);
    for (const [name] of replicas) expect(nginx).toContain(`server ${name}:3000`);
    expect(nginx).toMatch(/proxy_next_upstream [^;]*http_503/);
  });

  it("checks the health of every service", () => {
    for (const [name, s] of services) {
      expect(s.healthcheck?.test.join(" "), name).toMatch(/healthz|pg_isready/);
    }
  });
});
