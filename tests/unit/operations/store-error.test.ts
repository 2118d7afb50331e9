/**
 * What the store's wrapper makes of what @azure/cosmos throws: operation, container and status in
 * the error, the SDK's error as its cause, and "unavailable" only where trying later may help.
 */
import { StoreError } from "../../../bot/src/domain/errors";
import { toStoreError } from "../../../bot/src/store/guarded-container";

/** Shaped like @azure/cosmos's ErrorResponse: the HTTP status in `code`. */
const cosmosError = (code: number, substatus?: number) => Object.assign(new Error(`Message: {"Errors":["..."]}`), { code, substatus });

describe("store errors from Cosmos DB errors", () => {
  it("when Cosmos answers 503 on a replace, then the error names the operation, container and status, and keeps the original as cause", () => {
    const original = cosmosError(503, 20001);
    const err = toStoreError(original, "replace", "cohortRecords");
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toBe("Cosmos DB replace on cohortRecords failed (503)");
    expect(err).toMatchObject({ name: "StoreError", operation: "replace", container: "cohortRecords", status: 503, substatus: 20001, unavailable: true });
    expect(err.cause).toBe(original);
  });

  it.each([
    [408, true],
    [429, true],
    [503, true],
    [400, false],
    [403, false],
    [404, false],
    [500, false],
  ])("when Cosmos answers %i, then unavailable is %s", (status, unavailable) => {
    expect(toStoreError(cosmosError(status), "query", "tenants").unavailable).toBe(unavailable);
  });

  it("when the SDK times out or cannot connect, then there is no status, the reason is named, and it counts as unavailable", () => {
    const timeout = toStoreError(Object.assign(new Error("Timed out"), { code: "TimeoutError" }), "read", "leases");
    expect(timeout).toMatchObject({ status: undefined, unavailable: true, message: "Cosmos DB read on leases failed (TimeoutError)" });
    const refused = toStoreError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8081"), { name: "RestError", code: "ECONNREFUSED" }), "upsert", "deliveries");
    expect(refused).toMatchObject({ status: undefined, unavailable: true, message: "Cosmos DB upsert on deliveries failed (ECONNREFUSED)" });
  });

  it("when something else is thrown, then it is a StoreError that is not unavailable", () => {
    const err = toStoreError(new RangeError("Invalid array length"), "batch", "cohortRecords");
    expect(err).toMatchObject({ status: undefined, unavailable: false, message: "Cosmos DB batch on cohortRecords failed (RangeError)" });
  });

  it("when the error is already a StoreError, then it is passed on unchanged", () => {
    const inner = toStoreError(cosmosError(429), "create", "tenants");
    expect(toStoreError(inner, "query", "other")).toBe(inner);
  });
});
