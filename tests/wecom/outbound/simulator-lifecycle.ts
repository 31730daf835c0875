// Test helper: the simulator API server a test starts, stopped after each test.
import { afterEach } from "vitest";
import type { WecomSimulatorApi } from "../../../src/wecom/simulator/api-server.js";

let sim: WecomSimulatorApi | undefined;

/** Keeps the simulator so afterEach can stop it. */
export async function started(starting: Promise<WecomSimulatorApi>): Promise<WecomSimulatorApi> {
  sim = await starting;
  return sim;
}

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});
