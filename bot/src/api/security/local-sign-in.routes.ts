/** Local mode's sign-in: pick a demo person, get a token. Never registered in production. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { NotFoundError } from "../../domain/errors";
import { DEMO_PERSONAS, DEMO_TENANT_ID, findPersona } from "../../demo/personas";
import { LocalSignInRequest, type LocalPersona, type LocalSignInResponse } from "../contract";
import { parseInput, sendError } from "../http";
import type { LocalTokenIssuer } from "./local-token-issuer";

export function registerLocalSignInRoutes(server: Server, ctx: AppContext, issuer: LocalTokenIssuer): void {
  if (ctx.config.mode !== "local") return;

  server.get("/api/local/personas", async (_req, res) => {
    const personas: LocalPersona[] = DEMO_PERSONAS.map((p) => ({ id: p.id, displayName: p.displayName, description: p.description, role: p.role }));
    res.json(personas);
  });

  server.post("/api/local/sign-in", async (req, res) => {
    try {
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
