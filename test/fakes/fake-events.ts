import { randomUUID } from "node:crypto";
import type { FakeDingTalk } from "./fake-dingtalk.js";

/** An org event as DingTalk pushes it over Stream (`type: "EVENT"`, data `{timeStamp, userId[]}`). */
export interface OrgEventOptions {
  eventType: string;
  userIds: string[];
  eventId?: string;
  corpId?: string;
  /** Replaces the data object (malformed-event tests). */
  data?: Record<string, unknown>;
}

/** Pushes an org event to the app's connections subscribed to EVENT `*`; returns the frame's messageId and eventId. */
export function pushOrgEvent(fake: FakeDingTalk, o: OrgEventOptions): { messageId: string; eventId: string } {
  const eventId = o.eventId ?? randomUUID().replaceAll("-", "");
  const now = fake.core.now();
  const headers = {
    eventType: o.eventType, eventId, eventBornTime: String(now), eventCorpId: o.corpId ?? fake.app.corpId, eventUnifiedAppId: fake.app.clientId, appId: fake.app.appId,
  };
  const messageId = fake.gateway.pushFrame(fake.app.clientId, "EVENT", "*", headers, o.data ?? { timeStamp: String(now), userId: o.userIds });
  return { messageId, eventId };
}
