/**
 * A tenant's authored tracks, in `tenants` (/tenantId). Each track has a head document
 * (`track:<id>`, the latest version in full, with the ETag an editor quotes) and one immutable
 * document per version (`track:<id>:v<n>`), so a cohort pinned to version 3 keeps reading version 3.
 * Saving is one transactional batch in the tenant's partition, like publishing the policy: create
 * the new version and move the head with If-Match; when two admins save at once, one batch fails
 * as a whole. Built-in tracks are code, not data.
 */
import type { Container, JSONObject, OperationInput } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import type { TrackRepository, Versioned } from "../domain/ports";
import type { TenantId, Track } from "../domain/types";
import { queryDocs, readDoc, toDomain } from "./cosmos-documents";

/**
 * Authored tracks are read on every card and rarely change, so each instance keeps the latest
 * versions for a short while (a save on this instance clears it at once; one on another instance
 * shows up here within CACHE_MS). Versions never change once written, so they are kept for good.
 */
const CACHE_MS = 30_000;
const VERSION_CACHE_MAX = 500;

const headId = (trackId: string) => `track:${trackId}`;
const versionId = (trackId: string, version: number) => `track:${trackId}:v${version}`;

export class CosmosTrackRepository implements TrackRepository {
  private readonly cache = new Map<TenantId, { at: number; tracks: Promise<Track[]> }>();
  private readonly versions = new Map<string, Track>();

  constructor(private readonly tenants: Container) {}

  list(tenantId: TenantId): Promise<Track[]> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.tracks;
    const tracks = queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'trackHead'", [{ name: "@t", value: tenantId }], tenantId).then((docs) => docs.map(fromDoc));
    this.cache.set(tenantId, { at: Date.now(), tracks });
    tracks.catch(() => this.cache.delete(tenantId));
    return tracks;
  }

  async get(tenantId: TenantId, trackId: string, version?: number): Promise<Track | undefined> {
    const latest = (await this.list(tenantId)).find((t) => t.id === trackId);
    if (version === undefined || latest?.version === version) return latest;
    const key = `${tenantId}\n${trackId}\n${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const doc = await readDoc(this.tenants, versionId(trackId, version), tenantId);
    if (doc?.docType !== "trackVersion" || doc.tenantId !== tenantId) return undefined;
    const track = fromDoc(doc);
    if (this.versions.size >= VERSION_CACHE_MAX) this.versions.delete(this.versions.keys().next().value!);
    this.versions.set(key, track);
    return track;
  }

  async head(tenantId: TenantId, trackId: string): Promise<Versioned<Track> | undefined> {
    const doc = await readDoc(this.tenants, headId(trackId), tenantId);
    if (doc?.docType !== "trackHead" || doc.tenantId !== tenantId) return undefined;
    return { ...fromDoc(doc), etag: String(doc._etag) };
  }

  async save(tenantId: TenantId, track: Track, etag: string | null): Promise<Versioned<Track>> {
    const head = await readDoc(this.tenants, headId(track.id), tenantId);
    if (etag === null ? head : !head || String(head._etag) !== etag) throw new ConcurrencyError(conflict(Number(head?.version ?? 0)));
    const version = head ? Number(head.version) + 1 : 1;
    const saved: Track = { ...track, version };
    // A plain JSON copy: what is stored is exactly what the next read returns.
    const body = JSON.parse(JSON.stringify({ ...saved, tenantId, trackId: track.id })) as JSONObject;
    const headDoc: JSONObject = { ...body, id: headId(track.id), docType: "trackHead" };
    const operations: OperationInput[] = [
      { operationType: "Create", partitionKey: tenantId, resourceBody: { ...body, id: versionId(track.id, version), docType: "trackVersion" } },
      head ? { operationType: "Replace", partitionKey: tenantId, id: headId(track.id), resourceBody: headDoc, ifMatch: etag! } : { operationType: "Create", partitionKey: tenantId, resourceBody: headDoc },
    ];
    const response = await this.tenants.items.batch(operations, tenantId);
    this.cache.delete(tenantId);
    const failed = response.result?.some((r) => r.statusCode >= 400) || (response.code !== undefined && response.code >= 400);
    if (failed) {
      const now = await readDoc(this.tenants, headId(track.id), tenantId);
      throw new ConcurrencyError(conflict(Number(now?.version ?? 0)));
    }
    const written = response.result?.[1]?.eTag;
    return { ...saved, etag: written ? String(written) : (await this.head(tenantId, track.id))!.etag };
  }
}

function conflict(currentVersion: number): string {
  return `Another admin saved version ${currentVersion} of this track while you were editing. Your changes are kept: compare them with the new version and save again.`;
}

function fromDoc(doc: Record<string, unknown>): Track {
  const { id, trackId, tenantId, ...rest } = toDomain<Track & { trackId: string; tenantId: string }>(doc);
  void id;
  void tenantId;
  return { ...rest, id: trackId } as Track;
}
