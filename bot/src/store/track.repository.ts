/** A tenant's customised tracks, in `tenants` (/tenantId). Built-in tracks are code, not data. */
import type { Container } from "@azure/cosmos";
import type { TrackRepository, Versioned } from "../domain/ports";
import type { TenantId, Track } from "../domain/types";
import { queryDocs, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

const docId = (trackId: string) => `track:${trackId}`;

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

  async get(tenantId: TenantId, trackId: string): Promise<Versioned<Track> | undefined> {
    const doc = await readDoc(this.tenants, docId(trackId), tenantId);
    return doc?.docType === "track" && doc.tenantId === tenantId ? fromDoc(toVersioned<Track>(doc)) : undefined;
  }

  async upsert(tenantId: TenantId, track: Track, etag?: string): Promise<Versioned<Track>> {
    this.cache.delete(tenantId);
    const doc = { ...track, id: docId(track.id), trackId: track.id, tenantId, docType: "track" };
    const saved = etag ? await replaceIfMatch(this.tenants, doc, tenantId, etag) : (await this.tenants.items.upsert(doc)).resource!;
    return fromDoc(toVersioned<Track>(saved));
  }
}

function fromDoc<T extends Track>(doc: T): T {
  const { trackId, tenantId, ...rest } = doc as T & { trackId: string; tenantId?: string };
  void tenantId;
  return { ...rest, id: trackId } as unknown as T;
}
