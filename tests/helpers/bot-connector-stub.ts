/**
 * A local stand-in for the Bot Connector service (the Teams side of a bot), which cannot run
 * here. Activities the bot sends to `serviceUrl` land on this server, which records them,
 * answers like Teams does (ids, paged rosters, 1:1 conversation creation) and can enforce Teams'
 * documented rate limits and inject 429 / 5xx / 403 answers. This is the only fake in the bot
 * tests and the fan-out benchmark: the bot, the CloudAdapter and Cosmos are all real.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../../bot/src/lib/seeded-random";

export interface RecordedActivity {
  /** "send" (new message), "reply", "update". */
  operation: "send" | "reply" | "update";
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
  at: number;
  /** The tenant of the conversation, as the activity names it (conversation.tenantId or channelData.tenant.id). */
  tenantId?: string;
}

export interface RosterMember {
  id: string; // 29:… Teams user id
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export interface FaultPlan {
  /** Share of sends answered 429 (0..1). */
  rate429?: number;
  /** Share of sends answered 500 (0..1). */
  rate500?: number;
  /** Retry-After seconds sent with injected 429s; omit to send none. */
  retryAfterSeconds?: number;
  /** Deterministic fault sequence seed. */
  seed?: number;
}

export interface ConnectorLimits {
  /** Messages per second per conversation (Teams: 7/s; 8 per 2 s). */
  perConversationPerSecond?: number;
  /** Requests per second across the app, all tenants together (Teams: ~50/s per tenant). */
  globalPerSecond?: number;
  /**
   * Requests per second per tenant, keyed by the tenant of the conversation, as Teams counts
   * them (per app per tenant). Off unless set; may be combined with the others.
   */
  perTenantPerSecond?: number;
}

export interface BotConnectorStubOptions {
  /** The stand-in's clock (epoch ms) for its rate windows and `at` stamps; default wall time. */
  now?: () => number;
}

export interface BotConnectorStub {
  serviceUrl: string;
  activities: RecordedActivity[];
  /** 1:1 conversations the bot created, keyed by member aadObjectId or id. */
  createdConversations: Array<{ conversationId: string; memberId: string; tenantId?: string }>;
  /** Conversation ids that answer 403 MessageWritesBlocked (the member blocked the bot). */
  blockedConversations: Set<string>;
  setRoster(conversationOrTeamId: string, members: RosterMember[]): void;
  /**
   * Makes creating a 1:1 conversation with this member (their 29: id or Entra object id) answer
   * 403 (the app is not installed for them: Teams' "BotNotInConversationRoster"-style refusal) or
   * 404 (unknown user); undefined lifts it.
   */
  refuseConversationsWith(memberId: string, status: 403 | 404 | undefined): void;
  setFaults(plan: FaultPlan): void;
  setLimits(limits: ConnectorLimits): void;
  /** Counts of what the stub answered. */
  stats: { requests: number; throttled: number; injected429: number; injected500: number; blocked: number };
  /** Messages sent per conversation (sends + replies), for duplicate checks. */
  sendsByConversation(): Map<string, number>;
  /** Send attempts (accepted or refused) per tenant, in order, with the stand-in's time of each. */
  attemptsByTenant(): Map<string, Array<{ at: number; accepted: boolean }>>;
  /** Sends refused (any status) per conversation id. */
  refusalsByConversation: Map<string, number>;
  /** The most accepted sends one tenant had in any window of `windowMs` (sends + replies). */
  maxSendsPerWindow(tenantId: string, windowMs?: number): number;
  reset(): void;
  close(): Promise<void>;
}

class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly windowMs: number, private readonly max: number) {}
  allow(key: string, now: number): boolean {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length >= this.max) {
      this.hits.set(key, list);
      return false;
    }
    list.push(now);
    this.hits.set(key, list);
    return true;
  }
}

/** The tenant a message belongs to, as Teams sees it: the conversation's tenant. */
function tenantOfActivity(activity: unknown): string | undefined {
  const a = (activity ?? {}) as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } };
  const id = a.conversation?.tenantId ?? a.channelData?.tenant?.id;
  return typeof id === "string" ? id : undefined;
}

export async function startBotConnectorStub(options: BotConnectorStubOptions = {}): Promise<BotConnectorStub> {
  const clock = options.now ?? Date.now;
  const activities: RecordedActivity[] = [];
  const createdConversations: BotConnectorStub["createdConversations"] = [];
  const blockedConversations = new Set<string>();
  const refusalsByConversation = new Map<string, number>();
  const conversationRefusals: ConversationRefusals = new Map();
  const rosters = new Map<string, RosterMember[]>();
  const stats = { requests: 0, throttled: 0, injected429: 0, injected500: 0, blocked: 0 };
  let faults: FaultPlan = {};
  let random = seededRandom(1);
  let perConversation: SlidingWindow | undefined;
  let global: SlidingWindow | undefined;
  let perTenant: SlidingWindow | undefined;
  const attempts = new Map<string, Array<{ at: number; accepted: boolean }>>();
  let nextId = 1;
  /** When the send being answered was checked against the limits: it is recorded at that time. */
  let sendCheckedAt = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      stats.requests++;
      const body = chunks.length ? safeJson(Buffer.concat(chunks).toString("utf8")) : undefined;
      route(req.method ?? "GET", new URL(req.url ?? "/", "http://stub"), body, res);
    });
  });

  function json(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(payload));
  }

  /** Applies rate limits and injected faults to a message send; true when it answered. */
  function refuseSend(conversationId: string, body: unknown, res: http.ServerResponse): boolean {
    const now = clock();
    sendCheckedAt = now;
    const tenantId = tenantOfActivity(body) ?? "unknown";
    const refused = refuseSendAt(now, tenantId, conversationId, res);
    if (refused) refusalsByConversation.set(conversationId, (refusalsByConversation.get(conversationId) ?? 0) + 1);
    const list = attempts.get(tenantId) ?? [];
    list.push({ at: now, accepted: !refused });
    attempts.set(tenantId, list);
    return refused;
  }

  function refuseSendAt(now: number, tenantId: string, conversationId: string, res: http.ServerResponse): boolean {
    if (blockedConversations.has(conversationId)) {
      stats.blocked++;
      json(res, 403, { error: { code: "ConversationBlockedByUser", message: "User blocked the conversation with the bot." } });
      return true;
    }
    if ((global && !global.allow("app", now)) || (perTenant && !perTenant.allow(tenantId, now)) || (perConversation && !perConversation.allow(conversationId, now))) {
      stats.throttled++;
      json(res, 429, { error: { code: "Throttled", message: "Too many requests" } }, { "Retry-After": "1" });
      return true;
    }
    const roll = random();
    if (faults.rate429 && roll < faults.rate429) {
      stats.injected429++;
      const headers: Record<string, string> = faults.retryAfterSeconds !== undefined ? { "Retry-After": String(faults.retryAfterSeconds) } : {};
      json(res, 429, { error: { code: "Throttled", message: "Injected throttle" } }, headers);
      return true;
    }
    if (faults.rate500 && roll >= (faults.rate429 ?? 0) && roll < (faults.rate429 ?? 0) + faults.rate500) {
      stats.injected500++;
      json(res, 500, { error: { code: "ServiceError", message: "Injected failure" } });
      return true;
    }
    return false;
  }

  function route(method: string, url: URL, body: unknown, res: http.ServerResponse): void {
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    // POST /v3/conversations — create a 1:1 (or channel) conversation
    if (method === "POST" && parts.length === 2 && parts[0] === "v3" && parts[1] === "conversations") {
      const params = (body ?? {}) as { members?: Array<{ id: string; aadObjectId?: string }>; tenantId?: string; channelData?: { tenant?: { id?: string }; channel?: { id?: string } }; activity?: Record<string, unknown> };
      const member = params.members?.[0];
      if (refuseConversationCreation(conversationRefusals, member, res)) return;
      const channelId = params.channelData?.channel?.id;
      const conversationId = member ? `a:1on1-${member.id}` : `${channelId ?? "channel"};messageid=${nextId++}`;
      createdConversations.push({ conversationId, memberId: member?.id ?? channelId ?? "", tenantId: params.tenantId ?? params.channelData?.tenant?.id });
      if (params.activity) {
        const activityId = String(nextId++);
        activities.push({ operation: "send", conversationId, activityId, activity: params.activity, at: clock(), tenantId: tenantOfActivity(params.activity) ?? params.tenantId });
        json(res, 201, { id: conversationId, activityId });
        return;
      }
      json(res, 201, { id: conversationId });
      return;
    }
    if (parts[0] === "v3" && parts[1] === "conversations" && parts[2]) {
      const conversationId = parts[2];
      // POST /v3/conversations/{id}/activities[/{replyTo}]
      if (method === "POST" && parts[3] === "activities") {
        if (refuseSend(conversationId, body, res)) return;
        const activityId = String(nextId++);
        activities.push({ operation: parts[4] ? "reply" : "send", conversationId, activityId, activity: (body ?? {}) as Record<string, unknown>, at: sendCheckedAt, tenantId: tenantOfActivity(body) });
        json(res, 200, { id: activityId });
        return;
      }
      // PUT /v3/conversations/{id}/activities/{activityId}
      if (method === "PUT" && parts[3] === "activities" && parts[4]) {
        activities.push({ operation: "update", conversationId, activityId: parts[4], activity: (body ?? {}) as Record<string, unknown>, at: clock(), tenantId: tenantOfActivity(body) });
        json(res, 200, { id: parts[4] });
        return;
      }
      // GET /v3/conversations/{id}/pagedmembers
      if (method === "GET" && parts[3] === "pagedmembers") {
        const members = rosters.get(conversationId) ?? [];
        const pageSize = Math.max(1, Number(url.searchParams.get("pageSize") ?? 200));
        const start = Number(url.searchParams.get("continuationToken") ?? 0);
        const page = members.slice(start, start + pageSize);
        const next = start + pageSize < members.length ? String(start + pageSize) : undefined;
        json(res, 200, { members: page, ...(next ? { continuationToken: next } : {}) });
        return;
      }
      // GET /v3/conversations/{id}/members[/{memberId}]
      if (method === "GET" && parts[3] === "members") {
        const members = rosters.get(conversationId) ?? [];
        if (parts[4]) {
          const member = members.find((m) => m.id === parts[4] || m.aadObjectId === parts[4]);
          if (member) json(res, 200, member);
          else json(res, 404, { error: { code: "MemberNotFoundInConversation", message: "Member not found" } });
          return;
        }
        json(res, 200, members);
        return;
      }
    }
    // GET /v3/teams/{teamId}[/conversations]
    if (method === "GET" && parts[0] === "v3" && parts[1] === "teams" && parts[2]) {
      if (parts[3] === "conversations") {
        json(res, 200, { conversations: [{ id: parts[2], name: "General" }] });
        return;
      }
      json(res, 200, { id: parts[2], name: "Team", aadGroupId: parts[2] });
      return;
    }
    json(res, 404, { error: { code: "NotFound", message: `${method} ${url.pathname} is not part of the stub` } });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities,
    refusalsByConversation,
    createdConversations,
    blockedConversations,
    stats,
    refuseConversationsWith: (memberId, status) => {
      if (status) conversationRefusals.set(memberId, status);
      else conversationRefusals.delete(memberId);
    },
    setRoster: (id, members) => rosters.set(id, members),
    setFaults: (plan) => {
      faults = plan;
      random = seededRandom(plan.seed ?? 1);
    },
    setLimits: (limits) => {
      perConversation = limits.perConversationPerSecond ? new SlidingWindow(1000, limits.perConversationPerSecond) : undefined;
      global = limits.globalPerSecond ? new SlidingWindow(1000, limits.globalPerSecond) : undefined;
      perTenant = limits.perTenantPerSecond ? new SlidingWindow(1000, limits.perTenantPerSecond) : undefined;
    },
    sendsByConversation: () => {
      const counts = new Map<string, number>();
      for (const a of activities) if (a.operation !== "update") counts.set(a.conversationId, (counts.get(a.conversationId) ?? 0) + 1);
      return counts;
    },
    attemptsByTenant: () => new Map([...attempts].map(([tenantId, list]) => [tenantId, [...list]])),
    maxSendsPerWindow: (tenantId, windowMs = 1000) => {
      const times = activities.filter((a) => a.operation !== "update" && a.tenantId === tenantId).map((a) => a.at).sort((x, y) => x - y);
      let most = 0;
      for (let first = 0, last = 0; last < times.length; last++) {
        while (times[last]! - times[first]! >= windowMs) first++;
        most = Math.max(most, last - first + 1);
      }
      return most;
    },
    reset: () => {
      activities.length = 0;
      attempts.clear();
      createdConversations.length = 0;
      blockedConversations.clear();
      Object.assign(stats, { requests: 0, throttled: 0, injected429: 0, injected500: 0, blocked: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Members for whom creating a 1:1 conversation is refused, and with which status. */
type ConversationRefusals = Map<string, 403 | 404>;

/** Answers a refused 1:1 conversation creation the way Teams does; true when it answered. */
function refuseConversationCreation(refusals: ConversationRefusals, member: { id?: string; aadObjectId?: string } | undefined, res: http.ServerResponse): boolean {
  const status = member ? (refusals.get(member.id ?? "") ?? refusals.get(member.aadObjectId ?? "")) : undefined;
  if (!status) return false;
  const error = status === 403 ? { code: "Forbidden", message: "The bot is not installed for this user, or the user blocked it." } : { code: "NotFound", message: "User not found." };
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ error }));
  return true;
}
