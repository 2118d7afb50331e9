import { Text } from "@fluentui/react-components";
import type { Aggregate } from "../../../bot/src/contract/api-contract";

export const NOT_ENOUGH = "Not enough responses yet (fewer than 5)";

export function formatAggregate(value: Aggregate, kind: "share" | "number" | "score"): string {
  if (value.suppressed) return NOT_ENOUGH;
  // A count rounded down to a multiple of 5 that came to 0 means 0 to 4 people: say so.
  if (value.basis === "rounded-down-count" && value.value === 0) return "Fewer than 5";
  if (kind === "share") return `${Math.round(value.value * 100)}%`;
  if (kind === "score") return `${value.value.toFixed(1)} / 5`;
  return String(value.value);
}

/** How the figure was made safe to show, in words (see AggregateBasis in the API contract). */
export function aggregateNote(value: Aggregate): string | undefined {
  if (value.suppressed) return undefined;
  if (value.basis === "first-respondents") return `Of the first ${value.n} responses (counted in fives)`;
  if (value.basis === "rounded-down-count" && value.value > 0) return "Rounded down to a multiple of 5";
  if (value.basis === "rounded-down-share") return "Counted in fives, rounded down";
  return undefined;
}

export function AggregateValue({ label, value, kind }: { label: string; value: Aggregate; kind: "share" | "number" | "score" }) {
  const note = aggregateNote(value);
  return (
    <div>
      <Text size={200} block>
        {label}
      </Text>
      <Text size={value.suppressed ? 300 : 600} weight="semibold" block>
        {formatAggregate(value, kind)}
      </Text>
      {note ? (
        <Text size={100} block>
          {note}
        </Text>
      ) : null}
    </div>
  );
}
