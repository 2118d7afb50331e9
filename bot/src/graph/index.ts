/**
 * The Graph port as the service uses it: undefined when this deployment does not call Graph
 * (MEASURED_USAGE_ENABLED off, the default), so nothing asks for a token.
 */
import type { Config } from "../config";
import type { GraphPort } from "../domain/ports";
import { createCopilotUsageGraph } from "./copilot-usage.graph";
import type { GraphClient } from "./graph-client";
import { graphClientFromConfig, type GraphClientOverrides } from "./graph-result";

export { GraphClient, GraphError, type GraphClientOptions, type TokenSource } from "./graph-client";

export function createGraphPort(client: GraphClient): GraphPort {
  return { ...createCopilotUsageGraph(client) };
}

/** The port from config, or undefined when Graph is off; `tokens` replaces @azure/identity (tests). */
export function graphPortFromConfig(config: Config, options: GraphClientOverrides = {}): GraphPort | undefined {
  if (!config.graph.measuredUsageEnabled) return undefined;
  return createGraphPort(graphClientFromConfig(config, options));
}
