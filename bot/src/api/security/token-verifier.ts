/**
 * One verification path for every token, real or local: signature against a key set, expiry and
 * not-before on the injected clock, audience, issuer and tenant, and that the token was issued to a
 * user through a known client: a delegated token (`scp` carries the required scope, `idtyp` is not
 * "app"), whose client (`azp` in v2 tokens, `appid` in v1) is one we expect. An app-only token
 * (client credentials: `roles`, no `scp`, `oid` is a service principal) never passes as a user.
 * `jose` does the cryptography.
 */
import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey } from "jose";
import type { Clock } from "../../domain/clock";

export interface TokenExpectations {
  audiences: string[];
  /** The issuers this token may come from, given its own `tid` claim. */
  issuersFor(tenantId: string): string[];
  /** Tenants allowed to use this deployment; empty means any. */
  allowedTenantIds: string[];
  algorithms: string[];
  /** The delegated scope every token must carry in its space-separated `scp` claim. */
  requiredScope: string;
  /** Client apps (`azp`/`appid`) allowed to call this API on a user's behalf; checked when the token names its client. */
  allowedClientIds: string[];
}

export interface VerifiedIdentity {
  tenantId: string;
  userId: string;
  displayName: string;
  roles: string[];
  groups: string[];
}

export type TokenRejection = "malformed" | "signature" | "expired" | "audience" | "issuer" | "tenant" | "claims" | "app-only" | "scope" | "client";

export class TokenRejectedError extends Error {
  constructor(readonly reason: TokenRejection) {
    super(`token rejected: ${reason}`);
    this.name = "TokenRejectedError";
  }
}

const CLOCK_TOLERANCE_SECONDS = 60;

export async function verifyToken(token: string, key: JWTVerifyGetKey | CryptoKey | Uint8Array, expectations: TokenExpectations, clock: Clock): Promise<VerifiedIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
      audience: expectations.audiences,
      algorithms: expectations.algorithms,
      currentDate: clock.now(),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iss", "aud"],
    }));
  } catch (err) {
    throw new TokenRejectedError(classify(err));
  }
  const tenantId = typeof payload.tid === "string" ? payload.tid : "";
  const userId = typeof payload.oid === "string" ? payload.oid : "";
  if (!tenantId || !userId) throw new TokenRejectedError("claims");
  if (!payload.iss || !expectations.issuersFor(tenantId).includes(payload.iss)) throw new TokenRejectedError("issuer");
  if (expectations.allowedTenantIds.length > 0 && !expectations.allowedTenantIds.includes(tenantId)) throw new TokenRejectedError("tenant");
  // App-only tokens (client credentials) are not a user, whatever their `oid` says.
  if (payload.idtyp === "app") throw new TokenRejectedError("app-only");
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ").filter(Boolean) : [];
  if (!scopes.includes(expectations.requiredScope)) throw new TokenRejectedError("scope");
  // v2 tokens name the client in `azp`, v1 tokens in `appid`: whichever is present must be expected.
  for (const client of [payload.azp, payload.appid]) {
    if (client !== undefined && (typeof client !== "string" || !expectations.allowedClientIds.includes(client))) throw new TokenRejectedError("client");
  }
  return {
    tenantId,
    userId,
    displayName: typeof payload.name === "string" ? payload.name : "",
    roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [],
    groups: Array.isArray(payload.groups) ? payload.groups.filter((g): g is string => typeof g === "string") : [],
  };
}

function classify(err: unknown): TokenRejection {
  if (err instanceof joseErrors.JWTExpired) return "expired";
  if (err instanceof joseErrors.JWTClaimValidationFailed) return err.claim === "aud" ? "audience" : err.claim === "iss" ? "issuer" : "claims";
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JOSEAlgNotAllowed) return "signature";
  return "malformed";
}
