/**
 * Group-chat routes for the local stand-in for Microsoft Graph (graph-stub.ts), which cannot run
 * here: `POST /v1.0/chats` (a group chat: every member an aadUserConversationMember bound by
 * `user@odata.bind`, at least three of them, as Graph requires for a group chat; every call makes
 * a new chat, as in Graph) and `POST /v1.0/chats/{id}/installedApps` (binding
 * `appCatalogs/teamsApps/{id}`; 404 for an unknown chat, 409 when the app is already there). It
 * records every chat with its members and installed apps. Plug it in with `stub.use(chats.route)`.
 */
import type http from "node:http";
import type { GraphStubRoute } from "./graph-stub";

export interface StandInChat {
  id: string;
  tenantId: string;
  chatType: string;
  topic?: string;
  memberIds: string[];
  roles: string[][];
  /** Catalog ids of the apps installed, with the resource-specific permissions consented. */
  installedApps: Array<{ teamsAppId: string; rsc: string[] }>;
}

export interface ChatsStandIn {
  route: GraphStubRoute;
  chats: StandInChat[];
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}

const USER_BIND = /\/v1\.0\/users\('([^']+)'\)$/;
const APP_BIND = /\/v1\.0\/appCatalogs\/teamsApps\/([^/]+)$/;

export function chatsStandIn(): ChatsStandIn {
  const chats: StandInChat[] = [];
  let next = 1;
  const route: GraphStubRoute = (req, _res, { tenantId, url, send, error }) => {
    const path = decodeURIComponent(url.pathname);
    if (req.method === "POST" && path === "/v1.0/chats") {
      void readBody(req).then((raw) => {
        const body = (raw ?? {}) as { chatType?: string; topic?: string; members?: Array<Record<string, unknown>> };
        if (body.chatType !== "group") return error(400, "BadRequest", "This stand-in creates group chats only.");
        const members = Array.isArray(body.members) ? body.members : [];
        if (members.length < 3) return error(400, "BadRequest", "A group chat needs at least three members.");
        const memberIds: string[] = [];
        const roles: string[][] = [];
        for (const m of members) {
          const match = USER_BIND.exec(String(m["user@odata.bind"] ?? ""));
          if (m["@odata.type"] !== "#microsoft.graph.aadUserConversationMember" || !match) return error(400, "BadRequest", "Each member must be an aadUserConversationMember bound with user@odata.bind.");
          memberIds.push(match[1]!);
          roles.push(Array.isArray(m.roles) ? (m.roles as string[]) : []);
        }
        const chat: StandInChat = { id: `19:stand-in-chat-${next++}@thread.v2`, tenantId, chatType: "group", ...(body.topic ? { topic: body.topic } : {}), memberIds, roles, installedApps: [] };
        chats.push(chat);
        send(201, { id: chat.id, chatType: chat.chatType, topic: chat.topic ?? null, createdDateTime: new Date(0).toISOString() });
      });
      return true;
    }
    const install = /^\/v1\.0\/chats\/([^/]+)\/installedApps$/.exec(path);
    if (req.method === "POST" && install) {
      void readBody(req).then((raw) => {
        const chat = chats.find((c) => c.id === install[1] && c.tenantId === tenantId);
        if (!chat) return error(404, "NotFound", "No such chat.");
        const body = (raw ?? {}) as { "teamsApp@odata.bind"?: string; consentedPermissionSet?: { resourceSpecificPermissions?: Array<{ permissionValue?: string }> } };
        const app = APP_BIND.exec(String(body["teamsApp@odata.bind"] ?? ""));
        if (!app) return error(400, "BadRequest", "teamsApp@odata.bind must name appCatalogs/teamsApps/{id}.");
        if (chat.installedApps.some((a) => a.teamsAppId === app[1])) return error(409, "Conflict", "The app is already installed in this chat.");
        chat.installedApps.push({ teamsAppId: app[1]!, rsc: (body.consentedPermissionSet?.resourceSpecificPermissions ?? []).map((p) => String(p.permissionValue)) });
        send(201, {});
      });
      return true;
    }
    return false;
  };
  return { route, chats };
}
