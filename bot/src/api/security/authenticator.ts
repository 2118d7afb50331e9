/**
 * Authenticates every `/api/*` request. Production: a Teams SSO token issued by Microsoft Entra ID
 * for this app (v1 or v2 issuer of the token's own tenant). Local mode: a token from the local
 * sign-in. Either way the caller's user and tenant come only from the verified token.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { AppContext } from "../../app-context";
import { UnauthenticatedError } from "../../domain/errors";
import type { Actor, AdminGrant } from "../../domain/types";
import { noteAdminGrant } from "../../usecases/access";
import type { Authenticator } from "../auth.port";
import { loadLocalTokenIssuer, LOCAL_AUDIENCE, LOCAL_CLIENT_ID, LOCAL_ISSUER, type LocalTokenIssuer } from "./local-token-issuer";
import { TokenRejectedError, verifyToken, type TokenExpectations, type VerifiedIdentity } from "./token-verifier";

const ENTRA_KEYS_URL = "https://login.microsoftonline.com/common/discovery/v2.0/keys";
export const ADMIN_APP_ROLE = "CohortCoach.Admin";
/** The delegated scope the tab's SSO registration exposes (infra/entra-app.manifest.json). */
export const ACCESS_AS_USER_SCOPE = "access_as_user";

/**
 * The Microsoft clients that get a token for this API on the user's behalf (Teams SSO): exactly the
 * `preAuthorizedApplications` of infra/entra-app.manifest.json. A token whose `azp`/`appid` names
 * another client was requested by some other app, and is refused. The app's own client id is also
 * accepted (a sign-in through its own pages, e.g. the consent pop-up).
 */
export const TEAMS_CLIENT_IDS: readonly string[] = [
  "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Teams desktop and mobile
  "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams web
  "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft 365 (Office) desktop
  "00000002-0000-0ff1-ce00-000000000000", // Office on the web (Exchange Online)
  "bc59ab01-8403-45c6-8796-ac3ef710b3e3", // Outlook on the web
  "0ec893e0-5785-4de6-99da-4ed124e5296c", // Microsoft 365 (Office) UWP
  "4765445b-32c6-49b0-83e6-1d93765276ca", // Microsoft 365 (Office) web
  "4345a7b9-9a63-4910-a426-35363201d503", // Microsoft 365 app (Office.com)
];

export interface AuthenticatorOptions {
  /** Entra ID's signing keys; tests pass a local key set (Entra ID cannot run here). */
  jwks?: JWTVerifyGetKey;
}

export async function createAuthenticator(ctx: AppContext, options: AuthenticatorOptions = {}): Promise<{ authenticator: Authenticator; localIssuer?: LocalTokenIssuer }> {
  const { config, clock, logger } = ctx;
  const grantOf = (identity: VerifiedIdentity): AdminGrant["source"] | undefined =>
    identity.roles.includes(ADMIN_APP_ROLE) ? "app-role" : identity.groups.some((g) => config.auth.adminGroupIds.includes(g)) ? "group" : undefined;

  let key: Parameters<typeof verifyToken>[1];
  let expectations: TokenExpectations;
  let localIssuer: LocalTokenIssuer | undefined;
  if (config.localDemo.personaSignIn) {
    localIssuer = await loadLocalTokenIssuer(config.auth.localKeyFile, clock);
    key = localIssuer.publicKey;
    expectations = {
      audiences: [LOCAL_AUDIENCE],
      issuersFor: () => [LOCAL_ISSUER],
      allowedTenantIds: [],
      algorithms: ["ES256"],
      requiredScope: ACCESS_AS_USER_SCOPE,
      allowedClientIds: [LOCAL_CLIENT_ID],
    };
  } else {
    const clientId = config.auth.clientId!;
    key = options.jwks ?? createRemoteJWKSet(new URL(ENTRA_KEYS_URL));
    expectations = {
      audiences: [clientId, ...(config.auth.appIdUri ? [config.auth.appIdUri] : [])],
      issuersFor: (tid) => [`https://sts.windows.net/${tid}/`, `https://login.microsoftonline.com/${tid}/v2.0`],
      allowedTenantIds: config.auth.allowedTenantIds,
      algorithms: ["RS256"],
      requiredScope: ACCESS_AS_USER_SCOPE,
      allowedClientIds: [...TEAMS_CLIENT_IDS, clientId],
    };
  }

  const authenticator: Authenticator = {
    async authenticate(header): Promise<Actor> {
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header?.trim() ?? "");
      if (!match) throw new UnauthenticatedError("Sign-in required: send a Teams SSO token as 'Authorization: Bearer <token>'.");
      try {
        const identity = await verifyToken(match[1]!, key, expectations, clock);
        const grant = grantOf(identity);
        // The bot cannot see roles or groups: it learns them from here (usecases/access.ts).
        await noteAdminGrant(ctx, identity.tenantId, identity.userId, grant);
        return { tenantId: identity.tenantId, userId: identity.userId, displayName: identity.displayName, isAdmin: !!grant || config.auth.adminUserIds.includes(identity.userId) };
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
