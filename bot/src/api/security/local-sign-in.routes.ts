/**
 * Local mode's sign-in: pick a demo person, get a token. Never registered in production. Each
 * client address may sign in `LOCAL_SIGN_IN_LIMIT_PER_MINUTE` times a minute, then gets 429 with
 * Retry-After (the browser tests sign in a handful of personas in a row; a script minting tokens
 * in a loop is stopped).
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { NotFoundError, RateLimitedError } from "../../domain/errors";
import { DEMO_PERSONAS, DEMO_TENANT_ID, findPersona } from "../../demo/personas";
import { LocalSignInRequest, type LocalPersona, type LocalSignInResponse } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { parseInput, sendError } from "../http";
import type { LocalTokenIssuer } from "./local-token-issuer";
import { clientAddress } from "./security";

export function registerLocalSignInRoutes(server: Server, ctx: AppContext, issuer: LocalTokenIssuer): void {
  if (!ctx.config.localDemo.personaSignIn) return;
  const { signInPerMinute, trustedProxyHops } = ctx.config.api;
  const limiter = new RateLimiterMemory({ points: Math.max(1, signInPerMinute), duration: 60 });

  server.get(apiRoutes.localPersonas.path, async (_req, res) => {
    const personas: LocalPersona[] = DEMO_PERSONAS.map((p) => ({ id: p.id, displayName: p.displayName, description: p.description, role: p.role }));
    res.json(personas);
  });

  server.post(apiRoutes.localSignIn.path, async (req, res) => {
    try {
      if (signInPerMinute > 0) {
        try {
          await limiter.consume(clientAddress(req, trustedProxyHops));
        } catch (rejection) {
          const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000;
          throw new RateLimitedError(Math.max(1, Math.ceil(ms / 1000)));
        }
      }
      const { personaId } = parseInput(LocalSignInRequest, req.body);
      const persona = findPersona(personaId);
      if (!persona) throw new NotFoundError(`There is no demo person "${personaId}".`);
      const token = await issuer.issue({ tenantId: DEMO_TENANT_ID, userId: persona.userId, displayName: persona.displayName, isAdmin: persona.role === "admin" });
      const body: LocalSignInResponse = { token, expiresAt: new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString() };
      res.json(body);
    } catch (err) {
      sendError(res, err, ctx.logger);
    }
  });
}
