/**
 * Teams-shaped activities, as the Teams service POSTs them to /api/messages: channelId "msteams",
 * a serviceUrl (in tests, the local Bot Connector stand-in), the tenant on the conversation and in
 * channelData, the user's Entra object id on `from`, the bot as `recipient`, and — in a channel —
 * the team and channel in channelData and the bot's @mention in the text.
 */
import crypto from "node:crypto";

export const BOT = { id: "28:cohort-coach-bot", name: "Cohort Coach" };

export interface TeamsUser {
  id: string; // 29:… Teams id
  aadObjectId: string;
  name: string;
}

export interface ActivityBase {
  serviceUrl: string;
  tenantId: string;
  user: TeamsUser;
  conversationId?: string;
  conversationType?: "personal" | "channel" | "groupChat";
  team?: { id: string; name: string };
  channel?: { id: string; name?: string };
}

function base(b: ActivityBase) {
  const conversationType = b.conversationType ?? "personal";
  return {
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: b.serviceUrl,
    from: { id: b.user.id, name: b.user.name, aadObjectId: b.user.aadObjectId },
    recipient: BOT,
    conversation: {
      id: b.conversationId ?? `a:1on1-${b.user.id}`,
      conversationType,
      tenantId: b.tenantId,
      ...(conversationType === "personal" ? {} : { isGroup: true }),
    },
    channelData: { tenant: { id: b.tenantId }, ...(b.team ? { team: b.team } : {}), ...(b.channel ? { channel: b.channel } : {}) },
    locale: "en-GB",
    entities: [{ type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web", timezone: "Europe/London" }],
  };
}

/** A message; in a channel or group chat it @mentions the bot first, as Teams requires there. */
export function messageActivity(b: ActivityBase & { text: string }) {
  const activity = base(b);
  const mentioned = (b.conversationType ?? "personal") !== "personal";
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...activity,
    type: "message",
    textFormat: "plain",
    text: mentioned ? `${mention} ${b.text}` : b.text,
    entities: [...activity.entities, ...(mentioned ? [{ type: "mention", text: mention, mentioned: BOT }] : [])],
  };
}

/** The app installed (or, with "add-upgrade", updated; with "remove", uninstalled) where `b` says. */
export function installActivity(b: ActivityBase & { action?: "add" | "add-upgrade" | "remove" }) {
  return { ...base(b), type: "installationUpdate", action: b.action ?? "add" };
}

/** The conversationUpdate Teams sends alongside an install: the bot is among the members added. */
export function membersAddedActivity(b: ActivityBase) {
  const activity = base(b);
  return {
    ...activity,
    type: "conversationUpdate",
    membersAdded: [BOT],
    ...(b.team ? { channelData: { ...activity.channelData, eventType: "teamMemberAdded" } } : {}),
  };
}

/** An Action.Execute from an Adaptive Card (Universal Actions). */
export function invokeActivity(b: ActivityBase & { verb: string; data: Record<string, unknown>; replyToId?: string }) {
  return { ...base(b), ...(b.replyToId ? { replyToId: b.replyToId } : {}), type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: b.verb, data: b.data }, trigger: "manual" } };
}

/** What Teams posts when someone clicks an Action.Submit with `msteams.type: "imBack"`: the value, as if typed. */
export function imBackActivity(b: ActivityBase & { value: string }) {
  return { ...base(b), type: "message", textFormat: "plain", text: b.value };
}
