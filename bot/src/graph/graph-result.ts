/**
 * What every live-session Graph call shares: the client built from config (tokens from
 * @azure/identity unless a test passes its own), and Graph's answer turned into a result the
 * scheduler can act on instead of an exception: not consented, busy (try later), not found, refused.
 */
import type { Config } from "../config";
import type { MeetingFailure, MeetingResult } from "../domain/ports";
import { credentialFactoryOf, graphScopeOf, tokenSourceOf } from "./credentials";
import { GraphClient, GraphError, type TokenSource } from "./graph-client";

export interface GraphClientOverrides {
  /** Replaces @azure/identity (tests). */
  tokens?: TokenSource;
  /** Replaces waiting out Retry-After on the wall clock (tests). */
  sleep?: (ms: number) => Promise<void>;
}

export function graphClientFromConfig(config: Config, options: GraphClientOverrides = {}): GraphClient {
  const tokens = options.tokens ?? tokenSourceOf(credentialFactoryOf(config.graph), graphScopeOf(config.graph.baseUrl));
  return new GraphClient({ baseUrl: config.graph.baseUrl, tokens, ...(options.sleep ? { sleep: options.sleep } : {}) });
}

/** Runs a Graph call; a GraphError becomes a classified failure, anything else "unavailable" (tried again later). */
export async function classified<T>(call: () => Promise<T>): Promise<MeetingResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (!(err instanceof GraphError)) return { ok: false, failure: { kind: "unavailable", code: "unexpected" } };
    return { ok: false, failure: failureOf(err) };
  }
}

function failureOf(err: GraphError): MeetingFailure {
  const code = err.code ? { code: err.code } : {};
  if (err.notConsented) return { kind: "not-consented", status: err.status, ...code };
  if (err.transient) return { kind: "unavailable", status: err.status, ...code };
  if (err.status === 404) return { kind: "not-found", status: err.status, ...code };
  return { kind: "rejected", status: err.status, ...code };
}
