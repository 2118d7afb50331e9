/**
 * Work a turn leaves for after its answer. Teams wants an invoke answered within a few seconds, so
 * alerting facilitators or posting a win waits until the response has been written; a failure
 * there is logged (ids only), never shown to the member whose card has already updated.
 */
import type { TurnContext } from "botbuilder";
import type { Logger } from "../domain/ports";

const KEY = Symbol("cohort-coach.follow-ups");

export class FollowUps {
  private readonly tasks: Array<() => Promise<unknown>> = [];

  /** Makes this list the one `FollowUps.of(turn)` returns for the turn. */
  attachTo(turn: TurnContext): void {
    turn.turnState.set(KEY, this);
  }

  static of(turn: TurnContext): FollowUps {
    const followUps = turn.turnState.get(KEY) as FollowUps | undefined;
    if (!followUps) throw new Error("the turn has no follow-up list attached");
    return followUps;
  }

  add(task: () => Promise<unknown>): void {
    this.tasks.push(task);
  }

  /** Runs every task, each on its own: one failing does not stop the others. */
  async run(logger: Logger): Promise<void> {
    const results = await Promise.allSettled(this.tasks.splice(0).map((task) => task()));
    for (const result of results) {
      if (result.status === "rejected") logger.error({ err: result.reason instanceof Error ? result.reason.name : "error" }, "follow-up failed");
    }
  }
}
