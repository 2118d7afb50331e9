/**
 * Throttling for the bot endpoint, applied before the CloudAdapter sees an activity:
 * - per sender (Entra object id, else the channel account id) and per conversation, over 10 s
 *   windows: beyond them the request is answered 429 with Retry-After and nothing runs;
 * - per remote IP, failed bot authentications (401) over 10 minutes: an IP that keeps failing is
 *   refused (429) before its next token is even checked;
 * - per conversation, the replies the bot itself sends in turns (a flood that slipped through, or
 *   a loop, cannot make the bot spam a chat). Proactive sends have their own pacer.
 * In-memory, per instance: with several instances each enforces its own share, which is enough
 * against floods (a real person types about one message a second). Limits come from config
 * (BOT_RATE_LIMIT_PER_USER, BOT_RATE_LIMIT_PER_CONVERSATION, BOT_AUTH_FAILURES_PER_IP); 0 turns
 * one off.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../config";

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number; reason: "sender" | "conversation" | "auth-failures" };

const WINDOW_SECONDS = 10;
const AUTH_WINDOW_SECONDS = 600;

export const DEFAULT_BOT_LIMITS: Config["botLimits"] = { perUserPer10s: 60, perConversationPer10s: 120, authFailuresPerIpPer10min: 20 };

export interface BotThrottle {
  /** Charges the activity's sender and conversation; refuses an IP that failed authentication too often. */
  admit(activity: { from?: { id?: unknown; aadObjectId?: unknown }; conversation?: { id?: unknown } }, ip: string): Promise<Admission>;
  /** A 401 was answered to this IP. */
  authFailed(ip: string): Promise<void>;
  /** May the bot send `count` more replies into this conversation now? */
  mayReply(conversationId: string, count: number): Promise<boolean>;
}

const limiter = (points: number, duration: number) => (points > 0 ? new RateLimiterMemory({ points, duration }) : undefined);

function seconds(rejection: unknown): number {
  const ms = rejection instanceof RateLimiterRes ? rejection.msBeforeNext : WINDOW_SECONDS * 1000;
  return Math.max(1, Math.ceil(ms / 1000));
}

export function createBotThrottle(limits: Config["botLimits"] = DEFAULT_BOT_LIMITS): BotThrottle {
  const perSender = limiter(limits.perUserPer10s, WINDOW_SECONDS);
  const perConversation = limiter(limits.perConversationPer10s, WINDOW_SECONDS);
  const replies = limiter(limits.perConversationPer10s, WINDOW_SECONDS);
  const authFailures = limiter(limits.authFailuresPerIpPer10min, AUTH_WINDOW_SECONDS);

  return {
    async admit(activity, ip) {
      if (authFailures) {
        const failures = await authFailures.get(ip);
        if (failures && failures.consumedPoints >= limits.authFailuresPerIpPer10min) return { ok: false, retryAfterSeconds: seconds(failures), reason: "auth-failures" };
      }
      const sender = activity.from?.aadObjectId ?? activity.from?.id;
      if (perSender && typeof sender === "string" && sender) {
        try {
          await perSender.consume(`sender:${sender}`);
        } catch (rejection) {
          return { ok: false, retryAfterSeconds: seconds(rejection), reason: "sender" };
        }
      }
      const conversation = activity.conversation?.id;
      if (perConversation && typeof conversation === "string" && conversation) {
        try {
          await perConversation.consume(`conversation:${conversation}`);
        } catch (rejection) {
          return { ok: false, retryAfterSeconds: seconds(rejection), reason: "conversation" };
        }
      }
      return { ok: true };
    },
    async authFailed(ip) {
      await authFailures?.penalty(ip, 1);
    },
    async mayReply(conversationId, count) {
      if (!replies || count === 0) return true;
      try {
        await replies.consume(`replies:${conversationId}`, count);
        return true;
      } catch {
        return false;
      }
    },
  };
}
