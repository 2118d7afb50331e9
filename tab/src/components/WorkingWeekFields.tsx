/**
 * Working days (Monday–Sunday) and public holidays: the organisation's calendar and a cohort's own
 * use the same controls. Holidays are kept sorted and shown by year; the server's messages land on
 * the control or the date they are about.
 */
import { Button, Checkbox, Field, Input, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { issuesFor, type ApiError } from "../api";

export interface WorkingWeekValue {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Local dates, YYYY-MM-DD. */
  holidays: string[];
}

export const WEEKDAYS: Array<[number, string]> = [
  [1, "Monday"],
  [2, "Tuesday"],
  [3, "Wednesday"],
  [4, "Thursday"],
  [5, "Friday"],
  [6, "Saturday"],
  [7, "Sunday"],
];

/** "Friday 25 December 2026". */
export function holidayLabel(localDate: string): string {
  const date = new Date(`${localDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return localDate;
  // Composed, not one format: some engines put a comma after the weekday and some do not.
  const weekday = date.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  return `${weekday} ${date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}`;
}

/** What is sent: weekdays in order, holidays sorted without repeats (so a server's `holidays.3` is the fourth shown). */
export function normaliseWorkingWeek(value: WorkingWeekValue): WorkingWeekValue {
  return { workingDays: [...new Set(value.workingDays)].sort((a, b) => a - b), holidays: [...new Set(value.holidays)].sort() };
}

/** A problem the admin can fix before saving, in plain words; undefined when there is none. */
export function workingDaysProblem(value: WorkingWeekValue): string | undefined {
  return value.workingDays.length === 0 ? "Choose at least one working day: with none, no message could ever be sent." : undefined;
}

interface Props {
  value: WorkingWeekValue;
  onChange: (value: WorkingWeekValue) => void;
  /** The last save's error: its `workingDays` and `holidays.n` messages show here. */
  error?: ApiError;
  /** Prefix for the server's field names when these fields sit inside a larger request (none for the calendar itself). */
  fieldPrefix?: string;
  disabled?: boolean;
}

export function WorkingWeekFields({ value, onChange, error, fieldPrefix = "", disabled }: Props) {
  const id = useId();
  const [newDate, setNewDate] = useState("");
  const [addProblem, setAddProblem] = useState<string>();
  const holidays = normaliseWorkingWeek(value).holidays;
  const daysMessage = workingDaysProblem(value) ?? issuesFor(error, `${fieldPrefix}workingDays`);
  // Messages about the list as a whole (too many dates); those about one date show by that date.
  const listMessage = error?.issues.filter((i) => i.field === `${fieldPrefix}holidays`).map((i) => i.message).join(" ") || undefined;
  const dateMessage = (index: number) => issuesFor(error, `${fieldPrefix}holidays.${index}`);
  const years = [...new Set(holidays.map((d) => d.slice(0, 4)))];

  const toggleDay = (day: number, on: boolean) => onChange({ ...value, workingDays: on ? [...value.workingDays.filter((d) => d !== day), day].sort((a, b) => a - b) : value.workingDays.filter((d) => d !== day) });
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newDate)) return setAddProblem("Choose a date first, then add it.");
    if (holidays.includes(newDate)) return setAddProblem(`${holidayLabel(newDate)} is already a holiday.`);
    setAddProblem(undefined);
    onChange({ ...value, holidays: [...holidays, newDate].sort() });
    setNewDate("");
  };
  const remove = (date: string) => onChange({ ...value, holidays: holidays.filter((d) => d !== date) });

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, minWidth: 0 }}>
      <fieldset aria-describedby={daysMessage ? `${id}-days-error` : undefined} style={{ border: "none", margin: 0, padding: 0, minWidth: 0 }}>
        <legend>
          <Text weight="semibold">Working days</Text>
        </legend>
        <Text size={200} block>
          Cards go out on these days only; one due on another day comes on the next working day, at the same time.
        </Text>
        <div style={{ display: "flex", flexWrap: "wrap", columnGap: 4 }}>
          {WEEKDAYS.map(([day, name]) => (
            <Checkbox key={day} label={name} checked={value.workingDays.includes(day)} disabled={disabled} onChange={(_e, d) => toggleDay(day, d.checked === true)} />
          ))}
        </div>
        {daysMessage ? (
          <Text id={`${id}-days-error`} role="alert" block style={{ color: tokens.colorPaletteRedForeground1 }}>
            {daysMessage}
          </Text>
        ) : null}
      </fieldset>

      <section aria-labelledby={`${id}-holidays`} style={{ display: "grid", gap: 8, minWidth: 0 }}>
        <Text id={`${id}-holidays`} as="h3" weight="semibold" block>
          Holidays
        </Text>
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "end", gap: 8 }}>
          <Field label="Holiday date" validationMessage={addProblem} validationState={addProblem ? "error" : "none"} style={{ minWidth: 0, flex: "1 1 160px" }}>
            <Input type="date" value={newDate} disabled={disabled} style={{ minWidth: 0 }} onChange={(_e, d) => { setNewDate(d.value); setAddProblem(undefined); }} onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); add(); } }} />
          </Field>
          <Button disabled={disabled} onClick={add}>
            Add holiday
          </Button>
        </div>
        {listMessage ? (
          <Text role="alert" block style={{ color: tokens.colorPaletteRedForeground1 }}>
            {listMessage}
          </Text>
        ) : null}
        {holidays.length === 0 ? (
          <Text size={200} block>
            No holidays yet.
          </Text>
        ) : (
          years.map((year) => (
            <div key={year} style={{ minWidth: 0 }}>
              <Text id={`${id}-year-${year}`} as="h4" size={300} weight="semibold" block>
                {year}
              </Text>
              <ul aria-labelledby={`${id}-year-${year}`} style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 4 }}>
                {holidays.map((date, index) =>
                  date.startsWith(year) ? (
                    <li key={date} style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8, minWidth: 0 }}>
                      <span style={{ minWidth: 0 }}>{holidayLabel(date)}</span>
                      <Button size="small" disabled={disabled} aria-label={`Remove ${holidayLabel(date)}`} onClick={() => remove(date)}>
                        Remove
                      </Button>
                      {dateMessage(index) ? (
                        <Text role="alert" block style={{ flexBasis: "100%", color: tokens.colorPaletteRedForeground1 }}>
                          {dateMessage(index)}
                        </Text>
                      ) : null}
                    </li>
                  ) : null,
                )}
              </ul>
            </div>
          ))
        )}
      </section>
    </div>
  );
}
