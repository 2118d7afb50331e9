/**
 * Every Cosmos DB call a repository makes goes through a guarded container: whatever the SDK
 * throws comes out as a StoreError that says what was being done (operation), where (container)
 * and what Cosmos answered (status, substatus), with the SDK's error as its `cause`. The
 * repositories keep turning the statuses they expect into domain outcomes (`statusOf` reads a
 * StoreError's status: 404 → not there, 409 → exists, 412 → lost a race); anything else reaches
 * the API or the bot as a StoreError, so the log says "replace on cohortRecords failed (503)"
 * instead of a bare SDK stack.
 *
 * One wrapper around the container objects (not a try/catch at every call): a call added to a
 * repository tomorrow is covered without anyone remembering to.
 */
import type { Container } from "@azure/cosmos";
import { StoreError, type StoreOperation } from "../domain/errors";
import { notePointRead, noteQuery } from "./read-counter";

/** Methods of `container.item(id, pk)` and what they do. */
const ITEM_OPERATIONS: Record<string, StoreOperation> = { read: "read", replace: "replace", delete: "delete", patch: "patch" };
/** Methods of `container.items` that answer with a promise. */
const ITEMS_OPERATIONS: Record<string, StoreOperation> = { create: "create", upsert: "upsert", batch: "batch", bulk: "batch", executeBulkOperations: "batch" };
/** Methods of `container.items` that answer with a query iterator (the request is made when it is read). */
const ITEMS_QUERIES = new Set(["query", "readAll"]);
/** Methods of a query iterator that make requests. */
const ITERATOR_FETCHES = new Set(["fetchAll", "fetchNext"]);

/** Statuses after which the same request may succeed later: timeout, busy, unavailable. */
const UNAVAILABLE_STATUSES = new Set([408, 429, 449, 503]);
/** No answer at all: the database (or the network to it) is not there right now. */
const NO_ANSWER_CODES = /^(TimeoutError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+|REQUEST_SEND_ERROR)$/;

export function guardContainer(container: Container): Container {
  const name = container.id;
  return delegate(
    container,
    (target, method, fn) => {
      if (method === "item") return (...args: unknown[]) => guardItem(fn.apply(target, args) as object, name);
      if (method === "read") return guarded(fn, target, "read", name);
      if (method === "delete") return guarded(fn, target, "delete", name);
      return undefined;
    },
    (target, prop) => (prop === "items" ? guardItems(Reflect.get(target, prop) as object, name) : undefined),
  );
}

function guardItem(item: object, container: string): object {
  return delegate(item, (target, method, fn) => {
    if (!Object.hasOwn(ITEM_OPERATIONS, method)) return undefined;
    const call = guarded(fn, target, ITEM_OPERATIONS[method]!, container);
    if (method !== "read") return call;
    // Counted for ./read-counter: a 404 is a point read that found nothing.
    return async (...args: unknown[]) => {
      try {
        const response = (await call(...args)) as { resource?: unknown };
        notePointRead(response?.resource !== undefined && response?.resource !== null);
        return response;
      } catch (err) {
        notePointRead(false);
        throw err;
      }
    };
  });
}

function guardItems(items: object, container: string): object {
  return delegate(items, (target, method, fn) => {
    if (Object.hasOwn(ITEMS_OPERATIONS, method)) return guarded(fn, target, ITEMS_OPERATIONS[method]!, container);
    if (ITEMS_QUERIES.has(method)) return (...args: unknown[]) => guardIterator(fn.apply(target, args) as object, container);
    return undefined;
  });
}

function guardIterator(iterator: object, container: string): object {
  return delegate(iterator, (target, method, fn) => {
    if (ITERATOR_FETCHES.has(method)) {
      const call = guarded(fn, target, "query", container);
      return async (...args: unknown[]) => {
        const response = (await call(...args)) as { resources?: unknown[] };
        noteQuery(Array.isArray(response?.resources) ? response.resources.length : 0);
        return response;
      };
    }
    if (method === "getAsyncIterator") {
      return async function* (...args: unknown[]) {
        try {
          for await (const page of fn.apply(target, args) as AsyncIterable<{ resources?: unknown[] }>) {
            noteQuery(Array.isArray(page?.resources) ? page.resources.length : 0);
            yield page;
          }
        } catch (err) {
          throw toStoreError(err, "query", container);
        }
      };
    }
    return undefined;
  });
}

type Fn = (...args: unknown[]) => unknown;

/**
 * A view of `target` whose methods are replaced where `wrapMethod` says so and otherwise bound to
 * `target` (SDK classes may keep private state a proxy as `this` could not reach); `wrapProperty`
 * may replace plain properties (`container.items`).
 */
function delegate<T extends object>(target: T, wrapMethod: (target: T, method: string, fn: Fn) => Fn | undefined, wrapProperty?: (target: T, prop: string) => unknown): T {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === "string") {
        const replaced = wrapProperty?.(t, prop);
        if (replaced !== undefined) return replaced;
      }
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== "function") return value;
      return (typeof prop === "string" && wrapMethod(t, prop, value as Fn)) || (value as Fn).bind(t);
    },
  });
}

function guarded(fn: Fn, target: object, operation: StoreOperation, container: string): Fn {
  return async (...args: unknown[]) => {
    try {
      return await fn.apply(target, args);
    } catch (err) {
      throw toStoreError(err, operation, container);
    }
  };
}

export function toStoreError(err: unknown, operation: StoreOperation, container: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = (err ?? {}) as { code?: unknown; statusCode?: unknown; substatus?: unknown; name?: unknown; cause?: { code?: unknown } };
  const status = typeof e.code === "number" ? e.code : typeof e.statusCode === "number" ? e.statusCode : undefined;
  const substatus = typeof e.substatus === "number" ? e.substatus : undefined;
  const detail = status === undefined ? firstString(e.code, e.cause?.code, e.name) : undefined;
  const unavailable = status !== undefined ? UNAVAILABLE_STATUSES.has(status) : detail !== undefined && NO_ANSWER_CODES.test(detail);
  return new StoreError({ operation, container, status, substatus, detail, unavailable }, err);
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === "string" && v.length > 0);
}
