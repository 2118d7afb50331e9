import { Field, Select } from "@fluentui/react-components";
import type { CohortSummary } from "../../../bot/src/contract/api-contract";

/** Chooses the cohort a view shows. */
export function CohortPicker({ cohorts, value, onChange, describe = (c) => c.name }: { cohorts: CohortSummary[]; value?: string; onChange: (id: string) => void; describe?: (c: CohortSummary) => string }) {
  return (
    <Field label="Cohort" style={{ maxWidth: 420, minWidth: 0 }}>
      <Select value={value} onChange={(_e, d) => onChange(d.value)} root={{ style: { maxWidth: "100%", minWidth: 0 } }} style={{ minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" }}>
        {cohorts.map((c) => (
          <option key={c.id} value={c.id}>
            {describe(c)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
