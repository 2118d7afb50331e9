/**
 * Measured Copilot usage in `tenants` (/tenantId): one settings document per tenant and one small
 * document per member holding only the distinct Copilot last-activity dates observed (bounded by
 * `keepFrom`). No UPN, name or any other column of Graph's report is ever stored.
 */
import type { Container } from "@azure/cosmos";
import { mergeActivityDates } from "../domain/measured-usage";
import type { MeasuredUsageRepository } from "../domain/ports";
import type { MeasuredUsageSettings, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { queryDocs, readDoc, statusOf, toDomain } from "./cosmos-documents";

const SETTINGS_ID = "measured-usage";
const SETTINGS_TYPE = "measuredUsageSettings";
const ACTIVITY_TYPE = "measuredUsage";
const activityId = (userId: UserId) => `measured-usage:${userId}`;

export class CosmosMeasuredUsageRepository implements MeasuredUsageRepository {
  constructor(private readonly tenants: Container) {}

  async getSettings(tenantId: TenantId): Promise<MeasuredUsageSettings | undefined> {
    const doc = await readDoc(this.tenants, SETTINGS_ID, tenantId);
    if (doc?.docType !== SETTINGS_TYPE || doc.tenantId !== tenantId) return undefined;
    const { id: _id, ...settings } = toDomain<MeasuredUsageSettings & { id: string }>(doc);
    return settings;
  }

  async saveSettings(settings: MeasuredUsageSettings): Promise<void> {
    await this.tenants.items.upsert({ ...settings, id: SETTINGS_ID, docType: SETTINGS_TYPE });
  }

  async listEnabledTenants(): Promise<TenantId[]> {
    const docs = await queryDocs(this.tenants, "SELECT c.tenantId FROM c WHERE c.docType = @type AND c.enabled = true", [{ name: "@type", value: SETTINGS_TYPE }]);
    return [...new Set(docs.map((d) => String(d.tenantId)))].sort();
  }

  async listActivity(tenantId: TenantId, userIds?: readonly UserId[]): Promise<Map<UserId, string[]>> {
    // A few members (one member's own "My data"): point reads, not a scan of the tenant's documents.
    if (userIds && userIds.length <= 10) {
      const activity = new Map<UserId, string[]>();
      for (const userId of userIds) {
        const doc = await readDoc(this.tenants, activityId(userId), tenantId);
        if (doc?.docType === ACTIVITY_TYPE && doc.tenantId === tenantId && Array.isArray(doc.dates)) activity.set(userId, doc.dates.map(String));
      }
      return activity;
    }
    const docs = await queryDocs(this.tenants, "SELECT c.userId, c.dates FROM c WHERE c.docType = @type AND c.tenantId = @tenantId", [{ name: "@type", value: ACTIVITY_TYPE }, { name: "@tenantId", value: tenantId }], tenantId);
    const wanted = userIds ? new Set(userIds) : undefined;
    const activity = new Map<UserId, string[]>();
    for (const d of docs) {
      const userId = String(d.userId);
      if (!wanted || wanted.has(userId)) activity.set(userId, Array.isArray(d.dates) ? d.dates.map(String) : []);
    }
    return activity;
  }

  async recordActivity(tenantId: TenantId, observed: ReadonlyMap<UserId, readonly string[]>, keepFrom: string): Promise<void> {
    const stored = await this.listActivity(tenantId);
    const userIds = [...new Set([...stored.keys(), ...observed.keys()])];
    await mapLimited(userIds, 8, async (userId) => {
      const before = stored.get(userId) ?? [];
      const after = mergeActivityDates(before, observed.get(userId) ?? [], keepFrom);
      if (after.length === before.length && after.every((d, i) => d === before[i])) return;
      if (after.length === 0) {
        await this.tenants.item(activityId(userId), tenantId).delete().catch((err) => {
          if (statusOf(err) !== 404) throw err;
        });
        return;
      }
      await this.tenants.items.upsert({ id: activityId(userId), docType: ACTIVITY_TYPE, tenantId, userId, dates: after });
    });
  }

  async deleteActivity(tenantId: TenantId): Promise<void> {
    // Nothing is kept from after the end of time: every member's document goes.
    await this.recordActivity(tenantId, new Map(), "9999-12-31");
  }

  async deleteMemberActivity(tenantId: TenantId, userId: UserId): Promise<boolean> {
    try {
      await this.tenants.item(activityId(userId), tenantId).delete();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }
}
