/**
 * The demo tenant and people seeded for local use. The ids match the defaults of the
 * Microsoft 365 Agents Playground, so chatting there as "Alex Wilber" is chatting as a seeded
 * cohort member, and the local sign-in offers the same people for the tab.
 */
import type { Role } from "../domain/types";

export const DEMO_TENANT_ID = "00000000-0000-0000-0000-0000000000001";

export interface DemoPersona {
  id: string; // persona id for the local sign-in
  userId: string;
  displayName: string;
  jobTitle: string;
  role: Role;
  description: string;
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    id: "employee",
    userId: "00000000-0000-0000-0000-0000000000020",
    displayName: "Alex Wilber",
    jobTitle: "Financial Analyst",
    role: "employee",
    description: "Finance team member in week 3 of the finance cohort",
  },
  {
    id: "facilitator",
    userId: "00000000-0000-0000-0000-0000000000021",
    displayName: "Megan Bowen",
    jobTitle: "Finance Business Partner",
    role: "facilitator",
    description: "Facilitates the finance and marketing cohorts",
  },
  {
    id: "admin",
    userId: "00000000-0000-0000-0000-0000000000022",
    displayName: "Adele Vance",
    jobTitle: "Head of Learning & Development",
    role: "admin",
    description: "L&D lead: publishes the AI-use policy and sets up cohorts",
  },
  {
    id: "leader",
    userId: "00000000-0000-0000-0000-0000000000023",
    displayName: "Isaiah Langer",
    jobTitle: "Chief Financial Officer",
    role: "employee",
    description: "Member of the leadership cohort, which runs ahead of the team cohorts",
  },
];

export function findPersona(id: string): DemoPersona | undefined {
  return DEMO_PERSONAS.find((p) => p.id === id);
}
