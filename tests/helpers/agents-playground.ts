/**
 * The Microsoft 365 Agents Playground (`npm run playground`, the dev dependency
 * @microsoft/m365agentsplayground), started headless and driven through the same local HTTP API its
 * web page uses, so a test chats with the bot exactly as a person in the Playground does:
 * - GET  /_internal/v1/config                          the mocked tenant, the current user (Alex Wilber) and the personal chat's id
 * - WS   /_ws_conversation/v1/conversations/stream     every message the bot posts or updates (the page's message list)
 * - POST /_debug/conversation/{id}/installation        opening the chat: installationUpdate + conversationUpdate to the bot
 * - POST /_conversation/v1/conversations/{id}/messages the user types a message
 * - POST /_conversation/v1/invoke                      the user presses an Action.Execute button (adaptiveCard/action); answers with the bot's card
 * `TEAMSAPPTESTER_BROWSER=none` keeps it from opening a browser; it needs no network.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import type { AdaptiveCardJson } from "../../bot/src/domain/ports";

const ROOT = path.resolve(__dirname, "../..");

/** A message in the Playground's chat, as its web page receives it. */
export interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments: Array<{ contentType: string; content: unknown }>;
}

interface StreamAction {
  action: "createMessage" | "updateMessage" | "typing";
  actionConversationId: string;
  message?: PlaygroundMessage;
}

export interface InvokeAnswer {
  /** "application/vnd.microsoft.card.adaptive", "application/vnd.microsoft.error" or "application/vnd.microsoft.activity.message". */
  type: string;
  value: AdaptiveCardJson & { code?: string; message?: string };
}

export interface Playground {
  url: string;
  /** The chat as Alex sees it: every message the bot posted, newest last (updated in place when the bot updates one). */
  chat: PlaygroundChat;
  close(): Promise<void>;
}

/**
 * Runs `scripts/playground.mjs` (what `npm run playground` runs) against the bot on `botPort`, with
 * the Playground on a free port, its log in a temp folder and no browser.
 */
export async function startPlayground(botPort: number): Promise<Playground> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "agents-playground-"));
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/playground.mjs")], {
    cwd: workDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(botPort),
      TEAMSAPPTESTER_BROWSER: "none",
      TEAMSAPPTESTER_PORT: "0",
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, "playground.log"),
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(workDir, "no-config.yml"),
    },
  });
  const url = await listeningUrl(child);
  const chat = await PlaygroundChat.open(url);
  return {
    url,
    chat,
    async close() {
      chat.close();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the Playground did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://localhost:${port}`);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited (${code}) before listening:\n${output}`));
    });
  });
}

export class PlaygroundChat {
  readonly messages: PlaygroundMessage[] = [];

  private constructor(
    private readonly url: string,
    private readonly socket: WebSocket,
    readonly conversationId: string,
    readonly userId: string,
    readonly botId: string,
  ) {
    socket.on("message", (raw) => {
      const event = JSON.parse(raw.toString()) as StreamAction;
      if (event.actionConversationId !== conversationId || !event.message) return;
      if (event.action === "createMessage") this.messages.push(event.message);
      if (event.action === "updateMessage") {
        const at = this.messages.findIndex((m) => m.messageId === event.message!.messageId);
        if (at >= 0) this.messages[at] = event.message;
      }
    });
  }

  static async open(url: string): Promise<PlaygroundChat> {
    const config = (await getJson(`${url}/_internal/v1/config`)) as { config: { personalChat: { id: string }; currentUser: { id: string }; bot: { id: string } } };
    const socket = new WebSocket(`${url.replace("http:", "ws:")}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new PlaygroundChat(url, socket, config.config.personalChat.id, config.config.currentUser.id, config.config.bot.id);
  }

  /** Opens the chat for the first time, which installs the app; resolves with the bot's first message. */
  async install(): Promise<PlaygroundMessage> {
    const before = this.botMessages().length;
    await postJson(`${this.url}/_debug/conversation/${this.conversationId}/installation`, {});
    return this.nextBotMessage(before);
  }

  /** Types `text` into the chat; resolves with the bot's reply. */
  async say(text: string): Promise<PlaygroundMessage> {
    const before = this.botMessages().length;
    await postJson(`${this.url}/_conversation/v1/conversations/${this.conversationId}/messages`, { from: { id: this.userId }, text, textFormat: "plain" });
    return this.nextBotMessage(before);
  }

  /**
   * Presses the Action.Execute button titled `button` (or, failing that, the first with that verb) on
   * the card `message` shows now, with `inputs` filled in. Like the page, it sends the action's data
   * merged with the input values (all strings, as inputs hold them), and shows the card the bot
   * answers with in place of the old one.
   */
  async press(message: PlaygroundMessage, button: string, inputs: Record<string, string> = {}): Promise<InvokeAnswer> {
    const action = findExecute(cardOf(message), button);
    const value = { action: { type: "Action.Execute", title: action.title, verb: action.verb, data: { ...(action.data ?? {}), ...inputs } } };
    const answer = (await postJson(`${this.url}/_conversation/v1/invoke`, {
      name: "adaptiveCard/action",
      from: { id: this.userId },
      conversation: { id: this.conversationId },
      replyToId: message.messageId,
      value,
    })) as InvokeAnswer;
    if (answer.type === ADAPTIVE_CARD) message.attachments = [{ contentType: ADAPTIVE_CARD, content: answer.value }];
    return answer;
  }

  botMessages(): PlaygroundMessage[] {
    return this.messages.filter((m) => m.from.id === this.botId);
  }

  close(): void {
    this.socket.terminate();
  }

  /** Waits (bounded, polling) for the bot's next message after the `before`-th. */
  private async nextBotMessage(before: number): Promise<PlaygroundMessage> {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const message = this.botMessages()[before];
      if (message) return message;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("the bot did not answer in the Playground");
  }
}

const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

export function cardOf(message: PlaygroundMessage): AdaptiveCardJson {
  const card = message.attachments.find((a) => a.contentType === ADAPTIVE_CARD);
  if (!card) throw new Error(`message ${message.messageId} carries no adaptive card: ${message.text ?? ""}`);
  return card.content as AdaptiveCardJson;
}

/** Titles of the Action.Execute buttons on a card, in order. */
export function executeTitles(card: unknown): string[] {
  const titles: string[] = [];
  walk(card, (node) => {
    if (node.type === "Action.Execute") titles.push(String(node.title));
  });
  return titles;
}

interface ExecuteAction {
  title?: string;
  verb: string;
  data?: Record<string, unknown>;
}

function findExecute(card: AdaptiveCardJson, button: string): ExecuteAction {
  const actions: ExecuteAction[] = [];
  walk(card, (node) => {
    if (node.type === "Action.Execute") actions.push(node as unknown as ExecuteAction);
  });
  const found = actions.find((a) => a.title === button) ?? actions.find((a) => a.verb === button);
  if (!found) throw new Error(`the card has no button "${button}"; it has: ${actions.map((a) => a.title).join(", ")}`);
  return found;
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === "object") {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
