// What the app's answer outbox needs to send one part actively (implemented by the WeCom API client).
import type { WecomApiClient } from "../api-client.js";

export type AppMessageSender = Pick<WecomApiClient, "sendAppPart">;
