/**
 * Members submitting check-ins while the fan-out runs: real `adaptiveCard/action` invokes over
 * HTTP to /api/messages, through the CloudAdapter and into Cosmos DB. Records each latency.
 */
import { CHECKIN_VERBS } from "../../bot/src/cards/checkin.card";
import { invokeActivity } from "../helpers/teams-activities";
import type { BenchCohort } from "./bench-cohort";

export class CheckInLoad {
  readonly latencies: number[] = [];
  /** When each measured check-in started (epoch ms), in the same order as `latencies`. */
  readonly startedAt: number[] = [];
  errors = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();
  private next = 0;

  constructor(private readonly baseUrl: string, private readonly serviceUrl: string, private readonly cohort: BenchCohort, private readonly perSecond: number) {}

  start(): void {
    this.timer = setInterval(() => this.fire(), 1000 / this.perSecond);
  }

  private fire(): void {
    const member = this.cohort.members[this.next++ % this.cohort.members.length]!;
    const activity = invokeActivity({
      serviceUrl: this.serviceUrl,
      tenantId: this.cohort.tenantId,
      user: { id: member.teamsId, aadObjectId: member.userId, name: member.name },
      conversationId: member.conversationId,
      verb: CHECKIN_VERBS.submit,
      data: { cohortId: this.cohort.cohortId, sessionNumber: "1", tried: "Drafted the weekly ops report", worked: "Structure", stuck: "", minutesSaved: "30", confidence: "4", wantsHelp: "false" },
    });
    const started = performance.now();
    const startedAt = Date.now();
    const request = fetch(`${this.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) })
      .then(async (res) => {
        await res.text();
        if (res.status === 200) {
          this.latencies.push(performance.now() - started);
          this.startedAt.push(startedAt);
        }
        else this.errors++;
      })
      .catch(() => {
        this.errors++;
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.inFlight]);
  }
}
