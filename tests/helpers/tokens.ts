/**
 * Entra ID-like tokens for tests. Entra ID cannot run here, so tests sign RS256 tokens with a key
 * of their own and hand the matching key set to the authenticator: the verification code is the
 * production code, only the signing keys are local.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey } from "jose";

export interface FakeEntra {
  jwks: JWTVerifyGetKey;
  sign(claims: Record<string, unknown>, options?: { issuer?: string; audience?: string; expiresInSeconds?: number; notBeforeOffset?: number; now?: Date; kid?: string }): Promise<string>;
  /** A token signed by a key the key set does not contain. */
  signWithStrangerKey(claims: Record<string, unknown>, issuer: string, audience: string, now: Date): Promise<string>;
}

export async function createFakeEntra(): Promise<FakeEntra> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const jwks = createLocalJWKSet({ keys: [jwk] });
  const stranger = await generateKeyPair("RS256");
  return {
    jwks,
    async sign(claims, o = {}) {
      const now = Math.floor((o.now ?? new Date()).getTime() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: o.kid ?? "test-key" })
        .setIssuer(o.issuer ?? `https://login.microsoftonline.com/${String(claims.tid)}/v2.0`)
        .setAudience(o.audience ?? "api-client-id")
        .setIssuedAt(now)
        .setNotBefore(now + (o.notBeforeOffset ?? 0))
        .setExpirationTime(now + (o.expiresInSeconds ?? 3600))
        .sign(privateKey);
    },
    async signWithStrangerKey(claims, issuer, audience, now) {
      const t = Math.floor(now.getTime() / 1000);
      return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).setIssuer(issuer).setAudience(audience).setIssuedAt(t).setExpirationTime(t + 3600).sign(stranger.privateKey);
    },
  };
}
