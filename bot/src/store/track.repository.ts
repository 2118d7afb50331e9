/**
 * A tenant's customised tracks, in `tenants` (/tenantId), as `track:<id>` documents. Built-in tracks
 * are code, not data. Read-only until track authoring writes them.
 */
import type { Container } from "@azure/cosmos";
import type { TrackRepository } from "../domain/ports";
import type { TenantId, Track } from "../domain/types";
import { queryDocs, toVersioned } from "./cosmos-documents";

/**
 * Custom tracks are read on every card and rarely change, so each instance keeps them for a short
 * while; an edit made on another instance shows up here within CACHE_MS.
 */
const CACHE_MS = 30_000;

export class CosmosTrackRepository implements TrackRepository {
  private readonly cache = new Map<TenantId, { at: number; tracks: Promise<Track[]> }>();

  constructor(private readonly tenants: Container) {}

  list(tenantId: TenantId): Promise<Track[]> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.tracks;
    const tracks = queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'track'", [{ name: "@t", value: tenantId }], tenantId).then((docs) => docs.map((d) => fromDoc(toVersioned<Track>(d))));
    this.cache.set(tenantId, { at: Date.now(), tracks });
    tracks.catch(() => this.cache.delete(tenantId));
    return tracks;
  }
}

function fromDoc<T extends Track>(doc: T): T {
  const { trackId, tenantId, ...rest } = doc as T & { trackId: string; tenantId?: string };
  void tenantId;
  return { ...rest, id: trackId } as unknown as T;
}
