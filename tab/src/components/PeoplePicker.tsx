/**
 * Choosing people for a cohort. People are Entra object ids, so nobody types one: inside Teams,
 * Teams' own people picker (`people.selectPeople`) is offered; everywhere (and as a fallback when
 * Teams' picker fails), a search box over `apiRoutes.people` lists the people the
 * organisation already knows. Chosen people show as a list with a Remove button each
 * (ChosenPeopleList: searchable past 100 people).
 */
import { Button, Combobox, Field, Option, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { PersonSuggestion } from "../../../bot/src/contract/api-contract";
import { api, ApiError } from "../api";
import { ChosenPeopleList } from "./ChosenPeopleList";
import { teamsPeoplePicker } from "./teams-people";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

export interface PickedPerson {
  userId: string;
  displayName: string;
  jobTitle?: string;
}

interface PeoplePickerProps {
  label: string;
  /** What one chosen person is called in the list and its buttons: "facilitator", "member". */
  noun: string;
  value: PickedPerson[];
  onChange: (people: PickedPerson[]) => void;
  required?: boolean;
  validationMessage?: string;
  hint?: string;
}

type Search = { state: "idle" } | { state: "loading" } | { state: "ready"; people: PersonSuggestion[] } | { state: "error"; message: string };

export function PeoplePicker({ label, noun, value, onChange, required, validationMessage, hint }: PeoplePickerProps) {
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const [teamsProblem, setTeamsProblem] = useState<string>();
  const latest = useRef(0);
  const chosen = new Set(value.map((p) => p.userId));

  useEffect(() => {
    const text = query.trim();
    const ticket = ++latest.current;
    if (!text) {
      setSearch({ state: "idle" });
      return;
    }
    setSearch({ state: "loading" });
    api.get<PersonSuggestion[]>(apiRoutes.people.url({ search: text })).then(
      (people) => ticket === latest.current && setSearch({ state: "ready", people }),
      (err: unknown) => ticket === latest.current && setSearch({ state: "error", message: err instanceof ApiError ? err.message : "Could not search for people." }),
    );
  }, [query]);

  const add = (people: PickedPerson[]) => {
    const next = [...value];
    for (const p of people) if (!next.some((q) => q.userId === p.userId)) next.push(p);
    onChange(next);
  };
  const remove = (userId: string) => onChange(value.filter((p) => p.userId !== userId));

  const inTeams = teamsPeoplePicker();
  const pickInTeams = async () => {
    setTeamsProblem(undefined);
    try {
      if (!inTeams) throw new Error("no Teams people picker");
      const picked = await inTeams.pick(`Choose ${noun}s`, value.map((p) => p.userId));
      // Teams returns the whole selection: keep what was already known about people still in it.
      const known = new Map(value.map((p) => [p.userId, p]));
      onChange(picked.map((p) => known.get(p.userId) ?? p));
    } catch {
      setTeamsProblem("Teams' people picker is not available here: search by name below instead.");
    }
  };

  const suggestions = search.state === "ready" ? search.people.filter((p) => !chosen.has(p.userId)) : [];

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      <Field label={label} required={required} validationMessage={validationMessage} validationState={validationMessage ? "error" : "none"} hint={validationMessage ? undefined : (hint ?? "Search by name and choose from the list.")}>
        <Combobox
          freeform
          placeholder="Search by name"
          value={query}
          selectedOptions={[]}
          onChange={(e) => setQuery((e.target as HTMLInputElement).value)}
          onOptionSelect={(_e, data) => {
            const person = search.state === "ready" ? search.people.find((p) => p.userId === data.optionValue) : undefined;
            if (person) add([{ userId: person.userId, displayName: person.displayName }]);
            setQuery("");
          }}
        >
          {search.state === "loading" ? (
            <Option disabled value="" text="Searching…">
              Searching…
            </Option>
          ) : null}
          {search.state === "error" ? (
            <Option disabled value="" text={search.message}>
              {search.message}
            </Option>
          ) : null}
          {search.state === "ready" && suggestions.length === 0 ? (
            <Option disabled value="" text="No one found">
              {`No one found called “${query.trim()}”. Only people your organisation already uses Cohort Coach with are listed.`}
            </Option>
          ) : null}
          {suggestions.map((p) => (
            <Option key={p.userId} value={p.userId} text={p.displayName}>
              {p.displayName}
            </Option>
          ))}
        </Combobox>
      </Field>
      {inTeams ? (
        <div>
          <Button size="small" onClick={() => void pickInTeams()}>
            Choose {noun}s in Teams…
          </Button>
        </div>
      ) : null}
      {teamsProblem ? <Text role="status">{teamsProblem}</Text> : null}
      <ChosenPeopleList people={value} noun={noun} onRemove={remove} />
    </div>
  );
}
