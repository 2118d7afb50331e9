/** What demo members "wrote", per role, so the seeded dashboards read like a real cohort's. */
import type { RoleFamily } from "../domain/types";

export interface DemoAnswerBank {
  deliverables: string[];
  tried: string[];
  worked: string[];
  stuck: string[];
  usedFor: string[];
  questions: [string, string];
  answer: string;
  win: string;
}

export const DEMO_ANSWERS: Partial<Record<RoleFamily, DemoAnswerBank>> = {
  finance: {
    deliverables: [
      "October variance commentary for the board pack",
      "Q3 forecast assumptions note for the FP&A review",
      "Month-end accruals checklist for the new starter",
      "Supplier payment-terms summary for procurement",
    ],
    tried: [
      "Pasted the anonymised variance table and asked for a first draft of the commentary by cost centre.",
      "Asked for three alternative explanations for the marketing overspend, then checked each against the ledger.",
      "Used it to restructure my forecast note into assumptions, risks and sensitivities.",
    ],
    worked: [
      "The first draft took ten minutes instead of an hour; I rewrote about a third of it.",
      "It spotted that two of my explanations contradicted each other.",
      "Good at tightening language for the board audience.",
    ],
    stuck: [
      "It invented a reason for the travel variance that was not in the data.",
      "Not sure what I am allowed to paste in from the management accounts.",
      "Formulas it suggested for the reconciliation did not work in our template.",
    ],
    usedFor: ["Variance commentary", "Drafting emails to budget holders", "Checking reconciliations", "Summarising audit findings"],
    questions: [
      "Is it okay to paste supplier names into the assistant if I remove the amounts?",
      "How do I stop it making up numbers when I ask for commentary?",
    ],
    answer: "Give it the table and tell it to use only those figures, then ask it to list every number it used so you can tick them off. If it cites a figure you did not give it, that sentence goes.",
    win: "Board-pack commentary drafted in 25 minutes instead of two hours; the FD only changed one paragraph.",
  },
  marketing: {
    deliverables: [
      "Autumn campaign performance summary for the leadership update",
      "Creative brief for the January product launch",
      "Three audience personas from the latest survey results",
      "Next month's content calendar for LinkedIn",
    ],
    tried: [
      "Gave it last quarter's campaign export and asked which channels drove qualified leads.",
      "Asked for a first draft of the creative brief from my bullet notes and the brand guidelines.",
      "Used it to cluster 400 open survey comments into themes.",
    ],
    worked: [
      "The theme clustering saved most of a day and matched what I would have found.",
      "Brief structure was solid; I kept the objectives and rewrote the tone section.",
      "It suggested a segment split I had not considered.",
    ],
    stuck: [
      "The copy it writes sounds generic and not like our brand.",
      "It misread which column was spend and which was revenue.",
      "I am not sure whether customer emails count as personal data here.",
    ],
    usedFor: ["Campaign reporting", "First drafts of briefs", "Survey analysis", "Subject-line variants"],
    questions: [
      "Can we use the assistant on customer survey comments that include names?",
      "Any tips for getting it to write in our brand voice?",
    ],
    answer: "Paste two or three pieces you are proud of and ask it to describe the voice first; then ask it to write in that voice. Remove names from survey comments before you paste them.",
    win: "Survey themes for the product team done in an afternoon instead of three days.",
  },
  leadership: {
    deliverables: [
      "Board paper on where we invest in AI next year",
      "My all-hands update on the AI programme",
      "Risk register entry for generative AI",
      "Decision memo on the customer-service pilot",
    ],
    tried: [
      "Asked it to argue against my investment proposal before the board did.",
      "Drafted my all-hands message and asked it to cut it to half the length.",
      "Used it to compare three vendor proposals against our criteria.",
    ],
    worked: [
      "The counter-arguments were the ones the board actually raised.",
      "Sharing that I used it, and where it was wrong, got more questions than any slide.",
      "Halved the time to a first draft of the memo.",
    ],
    stuck: [
      "Hard to find time between sessions to try things properly.",
      "Unclear how to judge whether the team's time savings are real.",
    ],
    usedFor: ["Preparing board papers", "Challenging my own proposals", "Summarising long reports"],
    questions: [
      "How should we measure whether this is changing how teams work?",
      "What should I say when someone asks if AI will replace their role?",
    ],
    answer: "Look at the week-4 and week-8 adoption checks rather than satisfaction: are people still using it on real work? On roles, be honest that tasks will change, and show what you yourself now do differently.",
    win: "Used it to stress-test the strategy paper; the board discussion started from the hard questions instead of finding them late.",
  },
};
