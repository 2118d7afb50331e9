/**
 * Local mode only: signs tokens for the demo personas with an ES256 key generated on first run and
 * kept in the git-ignored data folder. They are verified by the same code as real Teams SSO tokens.
 * Production never creates, loads or accepts this key.
 */
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from "jose";
import type { Clock } from "../../domain/clock";

export const LOCAL_ISSUER = "https://cohort-coach.local/issuer";
export const LOCAL_AUDIENCE = "api://localhost/cohort-coach";
/** The local sign-in page plays the part of the Teams client: it is the token's `azp`. */
export const LOCAL_CLIENT_ID = "cohort-coach-local-sign-in";
/** The same delegated scope a Teams SSO token carries. */
export const LOCAL_SCOPE = "access_as_user";
const TOKEN_LIFETIME_SECONDS = 8 * 3600;

export interface LocalTokenClaims {
  tenantId: string;
  userId: string;
  displayName: string;
  isAdmin: boolean;
}

export interface LocalTokenIssuer {
  publicKey: CryptoKey | Uint8Array;
  issue(claims: LocalTokenClaims): Promise<string>;
}

export async function loadLocalTokenIssuer(keyFile: string, clock: Clock): Promise<LocalTokenIssuer> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(keyFile);
  const privateKey = await importJWK(privateJwk, "ES256");
  const publicKey = await importJWK(publicJwk, "ES256");
  return {
    publicKey,
    async issue(claims) {
      const now = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({ tid: claims.tenantId, oid: claims.userId, name: claims.displayName, roles: claims.isAdmin ? ["CohortCoach.Admin"] : [], scp: LOCAL_SCOPE, azp: LOCAL_CLIENT_ID, idtyp: "user" })
        .setProtectedHeader({ alg: "ES256", typ: "JWT" })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
  };
}

async function loadOrCreateKeys(keyFile: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  if (fs.existsSync(keyFile)) return JSON.parse(fs.readFileSync(keyFile, "utf8")) as { privateJwk: JWK; publicJwk: JWK };
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
