/**
 * Turns off the Bot Connector client's own retries, so that the scheduler alone decides when to
 * try again. The SDK would otherwise sleep inside the request on a 429's Retry-After (up to
 * minutes) and retry 5xx three times, holding a send slot and a delivery claim while it waits;
 * the scheduler records the wait on the delivery instead and keeps sending to everyone else.
 */
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory } from "botframework-connector";

const SDK_RETRY_POLICY = "defaultRetryPolicy";

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

export function withSchedulerOwnedRetries<T extends BotFrameworkAuthentication>(auth: T): T {
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => {
    const factory = createConnectorFactory(identity);
    return {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const client = await factory.create(serviceUrl, audience);
        (client as unknown as PipelineOwner).client?.pipeline?.removePolicy({ name: SDK_RETRY_POLICY });
        return client;
      },
    } as ConnectorFactory;
  };
  return auth;
}
