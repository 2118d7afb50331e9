/**
 * The Graph port as the service uses it: undefined when this deployment does not call Graph
 * (MEASURED_USAGE_ENABLED off, the default), so nothing asks for a token.
 */
import type { Config } from "../config";
import type { GraphPort } from "../domain/ports";
import { createCopilotUsageGraph } from "./copilot-usage.graph";
import { credentialFactoryOf, graphScopeOf, tokenSourceOf } from "./credentials";
import { GraphClient, type TokenSource } from "./graph-client";

export { GraphClient, GraphError, type GraphClientOptions, type TokenSource } from "./graph-client";

export function createGraphPort(client: GraphClient): GraphPort {
  return { ...createCopilotUsageGraph(client) };
}

/** The port from config, or undefined when Graph is off; `tokens` replaces @azure/identity (tests). */
export function graphPortFromConfig(config: Config, options: { tokens?: TokenSource; sleep?: (ms: number) => Promise<void> } = {}): GraphPort | undefined {
  if (!config.graph.measuredUsageEnabled) return undefined;
  const tokens = options.tokens ?? tokenSourceOf(credentialFactoryOf(config.graph), graphScopeOf(config.graph.baseUrl));
  return createGraphPort(new GraphClient({ baseUrl: config.graph.baseUrl, tokens, ...(options.sleep ? { sleep: options.sleep } : {}) }));
}
