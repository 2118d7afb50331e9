/**
 * The minimum an activity must carry before the adapter sees it. botbuilder answers some
 * malformed activities with a 500; we answer them with a clear 400 instead.
 */
import { z } from "zod";

const text = (max: number) => z.string().min(1).max(max);

export const ActivityEnvelope = z.object({
  type: text(64),
  channelId: text(64),
  serviceUrl: z.string().url().max(512),
  conversation: z.object({ id: text(512) }).passthrough(),
  from: z.object({ id: text(512) }).passthrough().optional(),
  recipient: z.object({ id: text(512) }).passthrough().optional(),
  text: z.string().max(28_000).optional(),
  name: z.string().max(256).optional(),
}).passthrough();

export function envelopeProblem(body: unknown): string | undefined {
  const result = ActivityEnvelope.safeParse(body);
  return result.success ? undefined : `Not a valid activity: ${result.error.issues.map((i) => `${i.path.join(".") || "(body)"} ${i.message}`).slice(0, 3).join("; ")}`;
}
