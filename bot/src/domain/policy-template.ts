/** The starter AI-use policy a new organisation begins from; admins edit and republish it in the tab. */
import type { PolicySections } from "./types";

export const STARTER_POLICY: { title: string; summary: string; sections: PolicySections } = {
  title: "Using AI at work",
  summary:
    "You are encouraged to use the approved AI assistants on your everyday work, and you remain responsible for everything you send or publish. Never put confidential, personal or customer data into a tool that is not approved for it.",
  sections: {
    allowedUses: [
      "Drafting and editing documents, emails and reports that you then check and own.",
      "Summarising, restructuring or analysing material you are allowed to see and share.",
      "Brainstorming options, challenging your own thinking and preparing for meetings.",
      "Learning: asking how to do something, including questions you might feel are basic.",
    ],
    notAllowed: [
      "Making decisions about people (hiring, performance, pay) on the basis of AI output.",
      "Publishing or sending AI-generated content without a human review.",
      "Presenting AI output as checked fact without checking it.",
      "Using unapproved AI tools with any company information.",
    ],
    dataHandling: [
      "Remove names, contact details and other personal data before pasting text into an assistant.",
      "Customer, supplier and employee records, and unreleased financial results, stay out unless the tool is approved for them.",
      "If you are unsure whether something is confidential, treat it as confidential and ask.",
      "Report anything pasted by mistake to the service desk the same day; you will not be blamed for reporting it.",
    ],
    approvedTools: [
      "The organisation's licensed AI assistant, signed in with your work account.",
      "AI features inside the approved office and collaboration apps.",
      "Other tools only after approval by the AI lead; ask in the AI questions channel.",
    ],
  },
};
