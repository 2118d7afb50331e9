/**
 * Teams-shaped activities, as the Teams service would POST them to /api/messages: channelId
 * "msteams", a serviceUrl (here, the local Bot Connector stand-in), the tenant on the conversation
 * and in channelData, and the user's Entra object id on `from`.
 */
import crypto from "node:crypto";

export const BOT = { id: "28:cohort-coach-bot", name: "Cohort Coach" };

export interface TeamsUser {
  id: string; // 29:… Teams id
  aadObjectId: string;
  name: string;
}

interface Base {
  serviceUrl: string;
  tenantId: string;
  user: TeamsUser;
  conversationId?: string;
  conversationType?: "personal" | "channel" | "groupChat";
  team?: { id: string; name: string };
  channel?: { id: string; name?: string };
}

function base(b: Base) {
  const conversationType = b.conversationType ?? "personal";
  return {
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: b.serviceUrl,
    from: { id: b.user.id, name: b.user.name, aadObjectId: b.user.aadObjectId },
    recipient: BOT,
    conversation: { id: b.conversationId ?? `a:1on1-${b.user.id}`, conversationType, tenantId: b.tenantId, ...(conversationType === "channel" ? { isGroup: true } : {}) },
    channelData: { tenant: { id: b.tenantId }, ...(b.team ? { team: b.team } : {}), ...(b.channel ? { channel: b.channel } : {}) },
    locale: "en-GB",
  };
}

export function messageActivity(b: Base & { text: string }) {
  const mention = b.conversationType === "channel" ? `<at>${BOT.name}</at> ` : "";
  return {
    ...base(b),
    type: "message",
    text: `${mention}${b.text}`,
    ...(mention ? { entities: [{ type: "mention", text: `<at>${BOT.name}</at>`, mentioned: BOT }] } : {}),
  };
}

export function installActivity(b: Base) {
  return { ...base(b), type: "installationUpdate", action: "add" };
}

export function membersAddedActivity(b: Base) {
  return { ...base(b), type: "conversationUpdate", membersAdded: [BOT] };
}

export function invokeActivity(b: Base & { verb: string; data: Record<string, unknown> }) {
  return { ...base(b), type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: b.verb, data: b.data }, trigger: "manual" } };
}
