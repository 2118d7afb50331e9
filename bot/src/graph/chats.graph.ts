/**
 * Practice pods' Teams group chats, through Microsoft Graph v1.0 with application permissions:
 * - create: `POST /chats` with `chatType: "group"`, a topic, and every member as an
 *   `aadUserConversationMember` with the owner role bound by `user@odata.bind` (Chat.Create).
 *   Graph has no transaction id for chats: every call makes a new chat, so scheduler/pods-sync.ts
 *   asks at most once per pod.
 * - install the app: `POST /chats/{id}/installedApps` binding `appCatalogs/teamsApps/{catalog id}`
 *   (TEAMS_APP_CATALOG_ID) and consenting the app's resource-specific permission to read the chat's
 *   messages (ChatMessage.Read.Chat: the bot counts them, never keeps them)
 *   (TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All). A 409 (already installed) is success.
 * Throttling (429/503 with Retry-After) is handled by GraphClient; nothing here throws for Graph's answers.
 */
import type { Config } from "../config";
import type { PodChatPort } from "../domain/ports";
import type { TenantId, UserId } from "../domain/types";
import { GraphClient, GraphError } from "./graph-client";
import { classified, graphClientFromConfig, type GraphClientOverrides } from "./graph-result";

/** The resource-specific permission the bot needs in a pod chat (also in appPackage/manifest.json). */
export const POD_CHAT_RSC_PERMISSION = "ChatMessage.Read.Chat";

export function createPodChats(client: GraphClient, options: { graphBaseUrl: string; teamsAppCatalogId?: string }): PodChatPort {
  const root = `${new URL(options.graphBaseUrl).origin}/v1.0`;
  return {
    createGroupChat: (tenantId: TenantId, topic: string, memberIds: readonly UserId[]) =>
      classified(async () => {
        const chat = await client.post<{ id?: string }>(tenantId, "/v1.0/chats", {
          chatType: "group",
          topic,
          members: [...new Set(memberIds)].map((id) => ({
            "@odata.type": "#microsoft.graph.aadUserConversationMember",
            roles: ["owner"],
            "user@odata.bind": `${root}/users('${id.replace(/'/g, "''")}')`,
          })),
        });
        if (!chat?.id) throw new GraphError(502, "noChatId", "Graph created a chat but gave no id");
        return { chatId: chat.id };
      }),
    installApp: (tenantId: TenantId, chatId: string) =>
      classified(async () => {
        if (!options.teamsAppCatalogId) throw new GraphError(400, "noCatalogId", "TEAMS_APP_CATALOG_ID is not set");
        try {
          await client.post<void>(tenantId, `/v1.0/chats/${encodeURIComponent(chatId)}/installedApps`, {
            "teamsApp@odata.bind": `${root}/appCatalogs/teamsApps/${encodeURIComponent(options.teamsAppCatalogId)}`,
            consentedPermissionSet: { resourceSpecificPermissions: [{ permissionValue: POD_CHAT_RSC_PERMISSION, permissionType: "application" }] },
          });
        } catch (err) {
          if (err instanceof GraphError && err.status === 409) return;
          throw err;
        }
      }),
  };
}


/** The port from config, or undefined while live sessions are off (nothing asks Graph for a token). */
export function podChatsFromConfig(config: Config, options: GraphClientOverrides = {}): PodChatPort | undefined {
  if (!config.liveSessions.enabled) return undefined;
  const client = graphClientFromConfig(config, options);
  return createPodChats(client, { graphBaseUrl: config.graph.baseUrl, ...(config.liveSessions.teamsAppCatalogId ? { teamsAppCatalogId: config.liveSessions.teamsAppCatalogId } : {}) });
}
