/**
 * Local demo mode offers a persona sign-in and, with no bot id, a bot endpoint that nobody
 * authenticates. Both are safe only on this machine, and binding to loopback is not enough: a dev
 * tunnel or a reverse proxy running here would hand them to the internet. So while either is on,
 * every request must reach the service directly: from a loopback address, naming a loopback host
 * (which also defeats DNS rebinding from a web page), and carrying none of the forwarding headers
 * that tunnels and proxies add. To use the app through a tunnel (Teams itself), configure real
 * authentication instead: `BOT_ID` for the bot and `AAD_APP_CLIENT_ID` for the tab (see README).
 */
import type { Server } from "restify";
import { isLoopback } from "../../config";
import type { ApiErrorBody } from "../../contract/api-contract";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-original-host", "x-real-ip", "x-ms-original-url"];

/** Why this request did not come straight from this machine, or undefined when it did. */
export function indirectRequestReason(req: { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } }): string | undefined {
  const remote = (req.socket?.remoteAddress ?? "").replace(/^::ffff:/, "");
  if (!isLoopback(remote)) return "it came from another machine";
  const forwarded = FORWARDING_HEADERS.find((h) => req.headers[h] !== undefined);
  if (forwarded) return `it came through a proxy or tunnel (${forwarded} header)`;
  const host = String(req.headers.host ?? "").replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
  if (!isLoopback(host)) return `it names the host "${host}"`;
  return undefined;
}

export function requireDirectLocalAccess(server: Server): void {
  server.pre((req, res, next) => {
    const reason = indirectRequestReason(req);
    if (!reason) return next();
    const body: ApiErrorBody = {
      error: {
        code: "AUTH.FORBIDDEN",
        message: `Local demo mode answers only requests made on this machine, and this one was refused because ${reason}. To use Cohort Coach through a tunnel or from Teams, set BOT_ID and AAD_APP_CLIENT_ID (see the README, "Run it in Teams from your machine").`,
      },
    };
    res.status(403);
    res.json(body);
    return next(false);
  });
}
