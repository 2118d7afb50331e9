import { Text } from "@fluentui/react-components";
import type { Aggregate } from "../../../bot/src/api/contract";

export const NOT_ENOUGH = "Not enough responses yet (fewer than 5)";

export function formatAggregate(value: Aggregate, kind: "share" | "number" | "score"): string {
  if (value.suppressed) return NOT_ENOUGH;
  if (kind === "share") return `${Math.round(value.value * 100)}%`;
  if (kind === "score") return `${value.value.toFixed(1)} / 5`;
  return String(value.value);
}

export function AggregateValue({ label, value, kind }: { label: string; value: Aggregate; kind: "share" | "number" | "score" }) {
  return (
    <div>
      <Text size={200} block>
        {label}
      </Text>
      <Text size={value.suppressed ? 300 : 600} weight="semibold" block>
        {formatAggregate(value, kind)}
      </Text>
    </div>
  );
}
