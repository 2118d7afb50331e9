/**
 * The people chosen in a PeoplePicker, each with a Remove button. A cohort may have thousands of
 * members: rendering a row and a button for each made every keystroke in the cohort form wait for
 * thousands of components. Past SHOWN people, the list shows the first SHOWN that match a name
 * typed in its own search box, and says how many there are.
 */
import { Button, Input, Text } from "@fluentui/react-components";
import { useDeferredValue, useMemo, useState } from "react";

/** The most rows the list renders at once. */
export const SHOWN = 100;

interface Person {
  userId: string;
  displayName: string;
}

export function ChosenPeopleList({ people, noun, onRemove }: { people: Person[]; noun: string; onRemove: (userId: string) => void }) {
  const [filter, setFilter] = useState("");
  const typed = useDeferredValue(filter.trim().toLocaleLowerCase());
  const large = people.length > SHOWN;
  const matching = useMemo(() => (large && typed ? people.filter((p) => p.displayName.toLocaleLowerCase().includes(typed)) : people), [people, typed, large]);
  const shown = matching.slice(0, SHOWN);
  if (people.length === 0) return <Text size={200}>No {noun}s chosen yet.</Text>;
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 4, minWidth: 0 }}>
      {large ? (
        <>
          <Input size="small" value={filter} onChange={(_e, data) => setFilter(data.value)} placeholder={`Find a ${noun} in the list`} aria-label={`Find a ${noun} in the list`} />
          <Text size={200} role="status">
            {countLine(people.length, matching.length, shown.length, filter.trim(), noun)}
          </Text>
        </>
      ) : null}
      {shown.length ? (
        <ul aria-label={`Chosen ${noun}s`} style={{ margin: 0, paddingLeft: 16, maxHeight: 240, overflowY: "auto" }}>
          {shown.map((p) => (
            <li key={p.userId}>
              <span>{p.displayName}</span>{" "}
              <Button size="small" appearance="subtle" aria-label={`Remove ${p.displayName}`} onClick={() => onRemove(p.userId)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function countLine(total: number, matching: number, shown: number, filter: string, noun: string): string {
  const all = `${total.toLocaleString("en-GB")} ${noun}s`;
  if (!filter) return `${all}; the first ${shown} are listed. Type a name to find someone.`;
  if (matching === 0) return `No ${noun} in the list is called “${filter}”.`;
  if (matching > shown) return `${matching.toLocaleString("en-GB")} of ${all} match “${filter}”; the first ${shown} are listed.`;
  return `${matching.toLocaleString("en-GB")} of ${all} match “${filter}”.`;
}
