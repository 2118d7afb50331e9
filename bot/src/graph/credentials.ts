/**
 * Graph tokens from @azure/identity, one credential per customer tenant, chosen by config
 * (GRAPH_AUTH). Least privilege and no secret where possible:
 * - "managed-identity": the service's user-assigned managed identity (AZURE_CLIENT_ID). It lives in
 *   the deployment's own tenant, so it can read only that tenant's Graph.
 * - "federated-identity": a multi-tenant app registration (GRAPH_APP_CLIENT_ID) that trusts the
 *   managed identity through a federated identity credential; the identity's token for
 *   `api://AzureADTokenExchange` is the client assertion (ClientAssertionCredential), so a token can
 *   be had in any tenant that consented to the app, with no secret to store or rotate.
 * - "client-certificate" / "client-secret": the same app with a certificate or a secret, where
 *   workload identity federation is not available.
 * Secrets are read from config and never logged.
 */
import { ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import type { Config } from "../config";
import { GraphError, type TokenSource } from "./graph-client";

/** The Graph scope for application permissions (those the tenant's admin consented to). */
export const graphScopeOf = (baseUrl: string) => `${new URL(baseUrl).origin}/.default`;

/** A token source over one credential per tenant, each built once. */
export function tokenSourceOf(credentialFor: (tenantId: string) => TokenCredential, scope: string): TokenSource {
  const credentials = new Map<string, TokenCredential>();
  return {
    async token(tenantId) {
      let credential = credentials.get(tenantId);
      if (!credential) credentials.set(tenantId, (credential = credentialFor(tenantId)));
      const token = await credential.getToken(scope);
      if (!token) throw new GraphError(401, "noToken", "No Graph token could be had for this tenant");
      return token.token;
    },
  };
}

export function credentialFactoryOf(graph: Config["graph"]): (tenantId: string) => TokenCredential {
  const identity = () => (graph.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: graph.managedIdentityClientId }) : new ManagedIdentityCredential());
  switch (graph.auth) {
    case "managed-identity": {
      const own = identity();
      return (tenantId) => {
        if (graph.homeTenantId && tenantId !== graph.homeTenantId) throw new GraphError(403, "otherTenant", "A managed identity reads only its own tenant: use GRAPH_AUTH=federated-identity for other tenants");
        return own;
      };
    }
    case "federated-identity": {
      const mi = identity();
      const assertion = async () => {
        const token = await mi.getToken("api://AzureADTokenExchange/.default");
        if (!token) throw new GraphError(401, "noAssertion", "The managed identity gave no token for the federated credential");
        return token.token;
      };
      return (tenantId) => new ClientAssertionCredential(tenantId, graph.appClientId!, assertion);
    }
    case "client-certificate":
      return (tenantId) => new ClientCertificateCredential(tenantId, graph.appClientId!, graph.certificatePath!);
    case "client-secret":
      return (tenantId) => new ClientSecretCredential(tenantId, graph.appClientId!, graph.clientSecret!);
  }
}
