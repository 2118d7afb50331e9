/**
 * Authenticates every `/api/*` request. Production: a Teams SSO token issued by Microsoft Entra ID
 * for this app (v1 or v2 issuer of the token's own tenant). Local mode: a token from the local
 * sign-in. Either way the caller's user and tenant come only from the verified token.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { AppContext } from "../../app-context";
import { UnauthenticatedError } from "../../domain/errors";
import type { Actor } from "../../domain/types";
import type { Authenticator } from "../auth.port";
import { loadLocalTokenIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalTokenIssuer } from "./local-token-issuer";
import { TokenRejectedError, verifyToken, type TokenExpectations, type VerifiedIdentity } from "./token-verifier";

const ENTRA_KEYS_URL = "https://login.microsoftonline.com/common/discovery/v2.0/keys";
export const ADMIN_APP_ROLE = "CohortCoach.Admin";

export interface AuthenticatorOptions {
  /** Entra ID's signing keys; tests pass a local key set (Entra ID cannot run here). */
  jwks?: JWTVerifyGetKey;
}

export async function createAuthenticator(ctx: AppContext, options: AuthenticatorOptions = {}): Promise<{ authenticator: Authenticator; localIssuer?: LocalTokenIssuer }> {
  const { config, clock, logger } = ctx;
  const isAdmin = (identity: VerifiedIdentity) =>
    identity.roles.includes(ADMIN_APP_ROLE) || config.auth.adminUserIds.includes(identity.userId) || identity.groups.some((g) => config.auth.adminGroupIds.includes(g));

  let key: Parameters<typeof verifyToken>[1];
  let expectations: TokenExpectations;
  let localIssuer: LocalTokenIssuer | undefined;
  if (config.mode === "local") {
    localIssuer = await loadLocalTokenIssuer(config.auth.localKeyFile, clock);
    key = localIssuer.publicKey;
    expectations = { audiences: [LOCAL_AUDIENCE], issuersFor: () => [LOCAL_ISSUER], allowedTenantIds: [], algorithms: ["ES256"] };
  } else {
    const clientId = config.auth.clientId!;
    key = options.jwks ?? createRemoteJWKSet(new URL(ENTRA_KEYS_URL));
    expectations = {
      audiences: [clientId, ...(config.auth.appIdUri ? [config.auth.appIdUri] : [])],
      issuersFor: (tid) => [`https://sts.windows.net/${tid}/`, `https://login.microsoftonline.com/${tid}/v2.0`],
      allowedTenantIds: config.auth.allowedTenantIds,
      algorithms: ["RS256"],
    };
  }

  const authenticator: Authenticator = {
    async authenticate(header): Promise<Actor> {
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header?.trim() ?? "");
      if (!match) throw new UnauthenticatedError("Sign-in required: send a Teams SSO token as 'Authorization: Bearer <token>'.");
      try {
        const identity = await verifyToken(match[1]!, key, expectations, clock);
        return { tenantId: identity.tenantId, userId: identity.userId, displayName: identity.displayName, isAdmin: isAdmin(identity) };
      } catch (err) {
        if (err instanceof TokenRejectedError) {
          logger.info({ reason: err.reason }, "token rejected");
          throw new UnauthenticatedError("Your sign-in is not valid or has expired. Reload the tab to sign in again.");
        }
        throw err;
      }
    },
  };
  return { authenticator, localIssuer };
}
