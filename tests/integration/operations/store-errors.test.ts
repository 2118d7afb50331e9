/**
 * When the database fails in a way the store cannot turn into a domain outcome, the error says
 * what was being done, where, and what Cosmos answered; the API answers a plain 5xx with a
 * reference the user can quote, and logs the details under that same reference.
 */
import type { Container } from "@azure/cosmos";
import { AlreadyExistsError, ConcurrencyError, StoreError } from "../../../bot/src/domain/errors";
import type { Cohort } from "../../../bot/src/domain/types";
import { CONTAINERS } from "../../../bot/src/store/containers";
import { startTestServer, type TestServer } from "../../helpers/test-server";
import { startTestStore, type TestStore } from "../../helpers/store";

const TENANT = "tenant-store-errors";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const cohort = (id: string): Cohort => ({
  id,
  tenantId: TENANT,
  name: "Finance pilot",
  kind: "team",
  trackId: "finance",
  startDate: "2026-04-06",
  timeZone: "Europe/London",
  status: "active",
  facilitatorIds: [],
  createdAt: "2026-03-01T09:00:00.000Z",
  createdBy: "00000000-0000-0000-cccc-000000000001",
  updatedAt: "2026-03-01T09:00:00.000Z",
});

/** The database behind the repositories, reached around them (as an operator or another process would). */
function databaseOf(store: TestStore): { container(id: string): Container } {
  return (store.repos.loop as unknown as { records: Container }).records.database;
}

describe("store errors", () => {
  describe("against the embedded server", () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await startTestStore();
    });
    afterEach(() => store.close());

    it("when a container is deleted under the store, then a write and a query fail with a StoreError naming the operation, container and status", async () => {
      await databaseOf(store).container(CONTAINERS.cohortRecords.id).delete();

      const write = store.repos.memberships.upsertMany([{ tenantId: TENANT, cohortId: "fin", userId: "u-1", displayName: "Member", joinedAt: "2026-03-01T09:00:00.000Z" }]);
      await expect(write).rejects.toBeInstanceOf(StoreError);
      await expect(write).rejects.toMatchObject({ operation: "upsert", container: "cohortRecords", status: 404, unavailable: false, message: "Cosmos DB upsert on cohortRecords failed (404)" });

      const query = store.repos.loop.listCohortRecords(TENANT, "fin");
      await expect(query).rejects.toMatchObject({ name: "StoreError", operation: "query", container: "cohortRecords", status: 404 });
      const err = (await query.catch((e: unknown) => e)) as StoreError;
      expect((err.cause as { code?: unknown }).code).toBe(404);
    });

    it("when the database stops answering, then the failure is a StoreError marked unavailable, with no status and the network error as its cause", async () => {
      await store.store.close();
      const err = (await store.repos.cohorts.list(TENANT).catch((e: unknown) => e)) as StoreError;
      expect(err).toBeInstanceOf(StoreError);
      expect(err).toMatchObject({ operation: "query", container: "tenants", status: undefined, unavailable: true });
      expect(err.message).toBe("Cosmos DB query on tenants failed (ECONNREFUSED)");
      expect(err.cause).toBeInstanceOf(Error);
    });

    it("when Cosmos answers with a status the store expects, then the domain outcome is unchanged: 409 is 'already exists', 412 a lost race, 404 on a read 'not there'", async () => {
      const created = await store.repos.cohorts.create(cohort("fin"));
      await expect(store.repos.cohorts.create(cohort("fin"))).rejects.toBeInstanceOf(AlreadyExistsError);
      await store.repos.cohorts.update(cohort("fin"), created.etag);
      await expect(store.repos.cohorts.update(cohort("fin"), created.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.repos.cohorts.get(TENANT, "nowhere")).toBeUndefined();
    });
  });

  describe("over the API", () => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer();
      token = await server.tokenFor({ tenantId: TENANT, userId: "00000000-0000-0000-cccc-000000000001", displayName: "Adele Admin", isAdmin: true });
    });
    afterAll(() => server.close());

    const listCohorts = async () => {
      const res = await fetch(`${server.baseUrl}/api/cohorts`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, ref: res.headers.get("x-correlation-id"), body: (await res.json()) as { error: { code: string; message: string } } };
    };

    it("when the store fails with an error nobody can retry, then the answer is a plain 500 with the reference, and the log names operation, container and status under it", async () => {
      expect((await listCohorts()).status).toBe(200);
      const tenants = (server.repos.cohorts as unknown as { tenants: Container }).tenants;
      await tenants.database.container(CONTAINERS.tenants.id).delete();
      const before = server.logs.length;

      const { status, ref, body } = await listCohorts();
      expect(status).toBe(500);
      expect(ref).toMatch(UUID);
      expect(body.error).toEqual({ code: "INTERNAL", message: `Something went wrong on our side. Try again in a moment. (ref ${ref})` });
      expect(body.error.message).not.toMatch(/Cosmos|tenants|404/);
      const logged = server.logs.slice(before).find((l) => l.message === "database request failed");
      expect(logged?.level).toBe("error");
      // Signing in records the caller first, so the first call to fail may be that write.
      expect(logged?.fields).toMatchObject({ correlationId: ref, operation: expect.stringMatching(/^(read|query|upsert)$/), container: "tenants", status: 404, unavailable: false });
    });

    it("when the database is not answering, then the answer is a plain 503 saying so, with the reference", async () => {
      await server.service.store.close();
      const { status, ref, body } = await listCohorts();
      expect(status).toBe(503);
      expect(body.error).toEqual({ code: "STORE.UNAVAILABLE", message: `The database is not answering right now. Try again in a moment. (ref ${ref})` });
    });
  });
});
