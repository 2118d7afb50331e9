import { buildPodExerciseCard } from "../../../bot/src/cards/pod-exercise.card";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { CARD_SIZE_BUDGET_BYTES, renderedText, validateCard } from "../../helpers/card-validator";

const session = getBuiltInTrack("finance")!.sessions[0]!;

describe("the pod's 'try it together' card", () => {
  it("when built from a track session, then it is a valid AC 1.5 card with the title, the steps, the example prompt and the invitation, and no actions", () => {
    const card = buildPodExerciseCard({ cohortName: "Finance", podName: "Pod 1", sessionNumber: 1, title: session.title, workflow: session.learn.workflow, tryThis: session.learn.tryThis, examplePrompt: session.learn.examplePrompt });
    const result = validateCard(card, []);
    expect(result.errors).toEqual([]);
    expect(result.verbs).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain(`Try it together: ${session.title}`);
    expect(text).toContain("share here what worked");
    expect(text).toContain("never reads or keeps what you write");
  });

  it("when every field is at its longest and authored text looks like markdown or a link, then it stays under 28 KB and shows it as plain text", () => {
    const long = "**bold** [link](https://evil.example) ".repeat(200);
    const card = buildPodExerciseCard({ cohortName: long, podName: long, sessionNumber: 12, title: long, workflow: long, tryThis: Array.from({ length: 20 }, () => long), examplePrompt: long });
    const result = validateCard(card, []);
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(CARD_SIZE_BUDGET_BYTES);
    expect(renderedText(card).markdown.join(" ")).not.toContain("evil");
  });
});
