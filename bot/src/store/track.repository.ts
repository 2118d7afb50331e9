/** A tenant's customised tracks, in `tenants` (/tenantId). Built-in tracks are code, not data. */
import type { Container } from "@azure/cosmos";
import type { TrackRepository, Versioned } from "../domain/ports";
import type { TenantId, Track } from "../domain/types";
import { queryDocs, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

const docId = (trackId: string) => `track:${trackId}`;

export class CosmosTrackRepository implements TrackRepository {
  constructor(private readonly tenants: Container) {}

  async list(tenantId: TenantId): Promise<Track[]> {
    const docs = await queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'track'", [{ name: "@t", value: tenantId }], tenantId);
    return docs.map((d) => fromDoc(toVersioned<Track>(d)));
  }

  async get(tenantId: TenantId, trackId: string): Promise<Versioned<Track> | undefined> {
    const doc = await readDoc(this.tenants, docId(trackId), tenantId);
    return doc?.docType === "track" && doc.tenantId === tenantId ? fromDoc(toVersioned<Track>(doc)) : undefined;
  }

  async upsert(tenantId: TenantId, track: Track, etag?: string): Promise<Versioned<Track>> {
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
