/**
 * Teams the app is installed in, in `tenants` (/tenantId), one document per team. A record merges
 * into what is stored (ETag-guarded, retried), so two events from the same team at once keep both
 * channels.
 */
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import type { InstalledTeam, TeamRepository } from "../domain/ports";
import type { TenantId } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, toDomain } from "./cosmos-documents";

const ATTEMPTS = 3;

export class CosmosTeamRepository implements TeamRepository {
  constructor(private readonly tenants: Container) {}

  async record(team: InstalledTeam): Promise<void> {
    const id = docId(team.teamId);
    for (let attempt = 1; ; attempt++) {
      const stored = await readDoc(this.tenants, id, team.tenantId);
      const known = stored?.docType === "team" && stored.tenantId === team.tenantId ? toDomain<InstalledTeam & { id: string }>(stored) : undefined;
      const doc = { ...merge(known, team), id, docType: "team" };
      try {
        if (!stored) {
          if ((await createIfAbsent(this.tenants, doc)) === "created") return;
        } else {
          await replaceIfMatch(this.tenants, doc, team.tenantId, String(stored._etag));
          return;
        }
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw err;
      }
    }
  }

  async list(tenantId: TenantId): Promise<InstalledTeam[]> {
    const docs = await queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'team'", [{ name: "@t", value: tenantId }], tenantId);
    return docs.map((d) => {
      const { id, ...team } = toDomain<InstalledTeam & { id: string }>(d);
      void id;
      return team;
    });
  }
}

function docId(teamId: string): string {
  // Team ids ("19:…@thread.tacv2") hold characters Cosmos ids may not (/, \, ?, #).
  return `team:${encodeURIComponent(teamId)}`;
}

function merge(known: InstalledTeam | undefined, seen: InstalledTeam): InstalledTeam {
  const channels = new Map((known?.channels ?? []).map((c) => [c.channelId, c]));
  for (const c of seen.channels) {
    const channelName = c.channelName ?? channels.get(c.channelId)?.channelName;
    channels.set(c.channelId, { channelId: c.channelId, ...(channelName ? { channelName } : {}) });
  }
  const teamName = seen.teamName ?? known?.teamName;
  return { tenantId: seen.tenantId, teamId: seen.teamId, ...(teamName ? { teamName } : {}), serviceUrl: seen.serviceUrl, channels: [...channels.values()], updatedAt: seen.updatedAt };
}
