import type { Track } from "../types";

export const projectManagementTrack: Track = {
  id: "project-management",
  name: "Project management: briefs, status and risk",
  role: "project-management",
  audience: "Project and programme managers, PMO analysts and delivery leads",
  description:
    "Four weeks on the documents that keep projects moving: project briefs, status reports, RAID logs and stakeholder updates. Each week you use AI on a live project.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4, 8, 12],
  sessions: [
    {
      number: 1,
      title: "A sharper project brief",
      learn: {
        workflow: "Project briefs and initiation documents",
        summary:
          "A project brief is where scope arguments start or are prevented. AI helps you turn kickoff notes into a structured brief and, more usefully, find the gaps and contradictions before the sponsor does.",
        tryThis: [
          "Gather the notes, emails or call summary for a project that is starting or changing.",
          "Ask for a brief in your organisation's template: objectives, scope, out of scope, milestones, risks.",
          "Ask it to list contradictions and unanswered questions in your notes.",
          "Take the questions to the sponsor rather than guessing the answers.",
        ],
        examplePrompt:
          "Using these kickoff notes [paste], draft a project brief with sections Objective, In scope, Out of scope, Deliverables, Milestones, Dependencies, Risks. Do not invent dates or budgets: write [to confirm]. Then list any contradictions in the notes and the questions I should ask the sponsor.",
        watchOut: "Commercially sensitive details may need removing first. The brief states commitments: check every date and deliverable.",
      },
      apply: {
        prompt: "Which real project brief or initiation document will you draft with AI this week?",
        examples: ["The brief for the CRM migration", "Scope note for the office move", "The change request for phase two"],
      },
      reflectQuestions: ["Which gap or contradiction did it surface, and what did the sponsor say?"],
    },
    {
      number: 2,
      title: "Status reports people actually read",
      learn: {
        workflow: "Weekly status reports",
        summary:
          "Status reports often bury the one thing the reader needs to decide. AI can turn your raw updates into a short RAG summary with the decisions and risks at the top.",
        tryThis: [
          "Collect this week's updates from your workstreams, however messy.",
          "Ask for a status report with overall RAG, three headlines, decisions needed and top risks.",
          "Check that the RAG status is your judgement, not the assistant's.",
          "Compare the time taken with last week's report.",
        ],
        examplePrompt:
          "Here are this week's workstream updates: [paste]. Write a status report for a steering group: overall RAG with a one-line reason, three headlines, decisions needed from them (with a date), and the top three risks with owners. Keep it under 250 words.",
        watchOut: "The RAG rating is a judgement you own. Do not let a confident summary hide a problem you know about.",
      },
      apply: {
        prompt: "Which real status report will you produce with AI this week?",
        examples: ["Friday's steering group update", "The monthly portfolio report", "The client status email"],
      },
      reflectQuestions: ["Did the shorter report change what your readers asked or decided?"],
    },
    {
      number: 3,
      title: "Keeping the RAID log alive",
      learn: {
        workflow: "Risks, assumptions, issues and dependencies",
        summary:
          "RAID logs go stale because updating them is tedious. AI can read meeting notes and suggest new or changed entries, and it is a good devil's advocate for risks you have not logged.",
        tryThis: [
          "Take the notes from two recent project meetings.",
          "Ask it to propose new RAID entries and updates to existing ones, in your log's columns.",
          "Ask what risks a project like this typically has that your log does not mention.",
          "Accept, edit or reject each suggestion yourself.",
        ],
        examplePrompt:
          "Here is our RAID log [paste] and notes from this week's meetings [paste]. Suggest new entries and changes to existing ones, in the same columns. Then list three risks typical of a [type] project that the log does not cover yet.",
        watchOut: "Suggested risks are prompts for thinking, not facts. Keep ownership and scoring with the team.",
      },
      apply: {
        prompt: "Which real RAID log or risk review will you update with AI this week?",
        examples: ["The RAID log for the ERP upgrade", "Risk review before the go/no-go", "Dependencies map for the programme board"],
      },
      reflectQuestions: ["Did it suggest a risk worth logging that the team had missed?"],
    },
    {
      number: 4,
      title: "Stakeholder updates and a repeatable routine",
      learn: {
        workflow: "Stakeholder communication",
        summary:
          "The same project news needs telling differently to the sponsor, the team and the people affected. This week you use AI to tailor one update for three audiences, then write down the routine you will keep.",
        tryThis: [
          "Take one real piece of project news.",
          "Ask for three versions: sponsor (decisions, risk), team (what changes for them), affected users (what, when, why).",
          "Edit each for accuracy and tone.",
          "Write your weekly AI routine as three steps and share it with the cohort.",
        ],
        examplePrompt:
          "Here is a project update: [paste]. Write three versions: a 100-word note for the sponsor focused on decisions and risk, a team update focused on what changes in their work, and a plain-English message for affected staff explaining what, when and why.",
        watchOut: "Announcements to affected staff may need HR or communications sign-off before they go out.",
      },
      apply: {
        prompt: "Which real stakeholder update will you tailor with AI this week?",
        examples: ["The go-live announcement", "A delay notice for the sponsor", "The change impact note for the service desk"],
      },
      reflectQuestions: ["Which part of your weekly project routine will you keep doing with AI?"],
    },
  ],
};
