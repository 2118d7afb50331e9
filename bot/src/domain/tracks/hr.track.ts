import type { Track } from "../types";

export const hrTrack: Track = {
  id: "hr",
  name: "HR: roles, policies, onboarding and listening",
  role: "hr",
  audience: "HR business partners, advisers, recruiters and L&D specialists",
  description:
    "Four weeks on HR's everyday documents: job descriptions, policy questions, onboarding plans and engagement feedback. People data stays protected throughout: every exercise shows how.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4, 8, 12],
  sessions: [
    {
      number: 1,
      title: "Job descriptions and adverts",
      learn: {
        workflow: "Job descriptions and job adverts",
        summary:
          "Job descriptions are often copied from the last one and adverts read like them. AI can draft both from a hiring manager's notes and check the wording for jargon and exclusionary language.",
        tryThis: [
          "Take a hiring manager's notes for a real vacancy.",
          "Ask for a job description in your template and a separate, shorter advert.",
          "Ask it to flag gendered, exclusionary or unnecessary requirements.",
          "Review the result against your grading framework before it goes anywhere.",
        ],
        examplePrompt:
          "From these notes [paste], write a job description with Purpose, Key responsibilities (max 8), Essential and Desirable criteria, and then a 200-word advert in plain English. Flag any requirement that could exclude good candidates without being necessary for the job.",
        watchOut: "Pay, grading and legal requirements come from your frameworks, not from the assistant.",
      },
      apply: {
        prompt: "Which real job description or advert will you draft with AI this week?",
        examples: ["The advert for the customer service vacancy", "Refreshing the team leader JD", "Graduate scheme advert"],
      },
      reflectQuestions: ["What did the bias check flag, and did you agree with it?"],
    },
    {
      number: 2,
      title: "Answering policy questions consistently",
      learn: {
        workflow: "Employee policy questions and FAQs",
        summary:
          "The same policy questions arrive every week and the answers vary by who replies. AI can draft answers grounded in the actual policy text and turn the common ones into an FAQ.",
        tryThis: [
          "Choose one policy (leave, expenses, flexible working) and collect recent questions about it, anonymised.",
          "Give the assistant the policy text and ask it to answer each question, quoting the clause it relies on.",
          "Check each answer against the policy; mark where the policy is genuinely unclear.",
          "Turn the answers into an FAQ for the intranet.",
        ],
        examplePrompt:
          "Here is our flexible working policy: [paste]. Answer each question below using only the policy, quoting the section you rely on. If the policy does not answer it, say so rather than guessing. Questions: [paste anonymised questions]",
        watchOut: "Never paste an individual's case details or health information. Employment law questions go to the usual experts.",
      },
      apply: {
        prompt: "Which real set of policy questions or FAQ will you work on with AI this week?",
        examples: ["Annual leave FAQ", "Expenses questions from the new starters", "Hybrid working guidance for managers"],
      },
      reflectQuestions: ["Where did the policy turn out to be unclear rather than the answer?"],
    },
    {
      number: 3,
      title: "Onboarding plans",
      learn: {
        workflow: "Onboarding plans for new starters",
        summary:
          "Good onboarding is planned week by week, and managers rarely have time to write the plan. AI can turn a role profile into a first-month plan that the manager then personalises.",
        tryThis: [
          "Take a role that has a new starter coming soon.",
          "Ask for a four-week onboarding plan: people to meet, systems, first tasks, check-ins.",
          "Ask the hiring manager to edit it; note what they changed.",
          "Save the edited version as a template for that role family.",
        ],
        examplePrompt:
          "Create a four-week onboarding plan for a new [role] joining [team]. For each week: goals, people to meet, systems to learn, a first real task, and a check-in question for the manager to ask. Keep it to one page.",
        watchOut: "Do not include personal details about the new starter. Plans must match your actual induction requirements.",
      },
      apply: {
        prompt: "Which real onboarding plan will you build with AI this week?",
        examples: ["Plan for the new payroll officer", "Template for sales hires", "Manager guide to the first week"],
      },
      reflectQuestions: ["What did the hiring manager change, and what does that tell you about the template?"],
    },
    {
      number: 4,
      title: "Listening to engagement feedback",
      learn: {
        workflow: "Engagement survey comments and exit interviews",
        summary:
          "Open comments from surveys and exit interviews hold the real story, and reading hundreds is slow. AI can theme them quickly. This session is also about doing that safely: anonymised data, small-group caution, and humans deciding what it means.",
        tryThis: [
          "Take anonymised engagement comments for a population of at least 20 people.",
          "Ask for themes, frequency and representative quotes, without identifying details.",
          "Check the themes against a sample of comments you read yourself.",
          "Share one insight and one action with the cohort, and note your AI routine for the next survey.",
        ],
        examplePrompt:
          "Here are anonymised engagement survey comments: [paste]. Group them into themes with a short description, roughly how many comments fit, and two quotes each (edit any quote that could identify someone). Then suggest questions managers could discuss with their teams.",
        watchOut: "Small groups can be re-identified from their comments. Never analyse fewer than the threshold your organisation sets for reporting.",
      },
      apply: {
        prompt: "Which real feedback will you analyse with AI this week?",
        examples: ["Pulse survey comments for operations", "Exit interview themes for the year", "Feedback from the manager development programme"],
      },
      reflectQuestions: ["How did you keep the analysis safe for the people who gave the feedback?"],
    },
  ],
};
