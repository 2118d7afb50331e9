/**
 * Drives the bot like Teams does: POSTs activities to /api/messages and reads what the bot sent
 * back through the Bot Connector stand-in.
 */
import type { AdaptiveCardJson } from "../../bot/src/domain/ports";
import type { RecordedActivity } from "./bot-connector-stub";
import type { TestServer } from "./test-server";
import { invokeActivity, messageActivity, type TeamsUser } from "./teams-activities";

export interface InvokeResult {
  status: number;
  body: { statusCode?: number; type?: string; value?: AdaptiveCardJson & { code?: string; message?: string } };
}

export function cardOf(activity: RecordedActivity): AdaptiveCardJson {
  const attachments = activity.activity.attachments as Array<{ contentType: string; content: AdaptiveCardJson }> | undefined;
  const card = attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
  if (!card) throw new Error(`activity ${activity.activityId} carries no adaptive card`);
  return card.content;
}

/** All the text a card shows, for assertions on what a person would read. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      // A RichTextBlock reads as one line: its runs joined (that is how Teams shows them).
      const inlines = (node as { type?: unknown; inlines?: unknown }).type === "RichTextBlock" ? (node as { inlines?: unknown }).inlines : undefined;
      if (Array.isArray(inlines)) {
        out.push(inlines.map((run) => (typeof run === "string" ? run : typeof (run as { text?: unknown })?.text === "string" ? (run as { text: string }).text : "")).join(""));
        return;
      }
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === "string" && ["text", "title", "value", "label"].includes(key)) out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join("\n");
}

export function actionData(card: AdaptiveCardJson, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (obj.type === "Action.Execute" && obj.verb === verb) found = obj.data as Record<string, unknown>;
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error(`no Action.Execute with verb ${verb} on the card`);
  return found;
}

export class BotDriver {
  constructor(private readonly server: TestServer, readonly tenantId: string) {}

  async post(activity: object): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Sends a text message and returns the cards the bot replied with. */
  async say(user: TeamsUser, text: string, extra: Partial<Parameters<typeof messageActivity>[0]> = {}): Promise<AdaptiveCardJson[]> {
    const before = this.server.connector.activities.length;
    const { status } = await this.post(messageActivity({ serviceUrl: this.server.connector.serviceUrl, tenantId: this.tenantId, user, text, ...extra }));
    if (status !== 200) throw new Error(`message answered ${status}`);
    return this.server.connector.activities.slice(before).map(cardOf);
  }

  /** `extra.replyToId`: the message the card is on, as Teams names it on a Universal Action. */
  async invoke(user: TeamsUser, verb: string, data: Record<string, unknown>, extra: { replyToId?: string; conversationId?: string } = {}): Promise<InvokeResult> {
    const result = await this.post(invokeActivity({ serviceUrl: this.server.connector.serviceUrl, tenantId: this.tenantId, user, verb, data, ...extra }));
    return result as InvokeResult;
  }

  /** Cards proactively sent to a member's 1:1 conversation since `since`. */
  sentTo(conversationId: string, since = 0): AdaptiveCardJson[] {
    return this.server.connector.activities.slice(since).filter((a) => a.conversationId === conversationId && a.operation !== "update").map(cardOf);
  }
}

/** Waits for work the bot does after answering (alerts, channel posts): bounded, no fixed sleeps. */
export async function eventually<T>(probe: () => T | undefined, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition not met");
}

/** The Action.Submit buttons on a card that post a command back to the chat (Teams' imBack), by title. */
export function imBackButtons(card: AdaptiveCardJson): Array<{ title: string; value: string }> {
  const found: Array<{ title: string; value: string }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      const msteams = (obj.data as { msteams?: { type?: unknown; value?: unknown } } | undefined)?.msteams;
      if (obj.type === "Action.Submit" && msteams?.type === "imBack" && typeof msteams.value === "string") found.push({ title: String(obj.title), value: msteams.value });
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  return found;
}
