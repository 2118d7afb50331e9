import type { Track } from "../types";

export const operationsTrack: Track = {
  id: "operations",
  name: "Operations: procedures, handovers and suppliers",
  role: "operations",
  audience: "Operations managers, team leaders and coordinators",
  description:
    "Four weeks on the documents and messages that keep operations running: standard operating procedures, shift and incident handovers, supplier communication and capacity planning.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4, 8, 12],
  sessions: [
    {
      number: 1,
      title: "Standard operating procedures people can follow",
      learn: {
        workflow: "Writing and updating SOPs",
        summary:
          "Procedures are often out of date or written for the person who wrote them. AI can turn an expert's rough notes or a recorded walkthrough into clear numbered steps, and flag the steps that need a decision or a safety check.",
        tryThis: [
          "Pick a procedure that is undocumented or out of date.",
          "Write or dictate how you actually do it, in your own words.",
          "Ask for a numbered SOP with purpose, roles, steps, checks and what to do when it goes wrong.",
          "Have someone who does not know the process follow it and note where they got stuck.",
        ],
        examplePrompt:
          "Turn these notes into a standard operating procedure with sections Purpose, Who does this, What you need, Steps (numbered, one action each), Checks, If something goes wrong: [paste notes]. Mark any step where the notes are unclear with [clarify].",
        watchOut: "Safety-critical and regulated procedures need the usual sign-off. The assistant does not know your site's rules.",
      },
      apply: {
        prompt: "Which real procedure will you write or update with AI this week?",
        examples: ["Goods-in checking at the warehouse", "The month-end stock count", "Opening and closing checklist for the site"],
      },
      reflectQuestions: ["Could a new starter follow the procedure? Where did they get stuck?"],
    },
    {
      number: 2,
      title: "Handovers that lose nothing",
      learn: {
        workflow: "Shift and incident handovers",
        summary:
          "Information gets lost between shifts and between teams during incidents. AI can turn a log or a stream of messages into a structured handover: what happened, what is open, what needs doing next and by whom.",
        tryThis: [
          "Take the log or chat from a recent shift or incident (remove personal details).",
          "Ask for a handover with open actions, owners and deadlines at the top.",
          "Compare it with the handover that was actually given.",
          "Agree a handover template with your team based on what worked.",
        ],
        examplePrompt:
          "Here is the log from last night's shift: [paste]. Write a handover for the morning team: open issues first (with owner and next action), then what was resolved, then anything to watch. Under 200 words. Do not drop any open issue.",
        watchOut: "An omitted open issue is worse than a long handover. Always check the output against the source log.",
      },
      apply: {
        prompt: "Which real handover or incident summary will you produce with AI this week?",
        examples: ["The weekend shift handover", "Post-incident summary for the outage on Tuesday", "The weekly handover to the client"],
      },
      reflectQuestions: ["Did the structured handover catch anything the usual one would have missed?"],
    },
    {
      number: 3,
      title: "Supplier communication",
      learn: {
        workflow: "Supplier emails, escalations and performance reviews",
        summary:
          "Supplier messages need to be firm, precise and on the record. AI can help you draft escalations that cite the contract and the facts, and summarise a supplier's performance for a review meeting.",
        tryThis: [
          "Pick a live supplier issue: a late delivery, a quality problem or a price change.",
          "Give the assistant the facts and the relevant contract clause (without commercial secrets).",
          "Ask for an escalation email that states the issue, the impact and what you need by when.",
          "Ask for a one-page performance summary for the next supplier review.",
        ],
        examplePrompt:
          "Draft a firm but professional email to a supplier. Facts: [list]. Contract says: [paste clause]. Impact on us: [describe]. We need: [ask] by [date]. Keep it under 180 words and do not threaten anything the contract does not allow.",
        watchOut: "Contract terms and prices may be confidential: follow the data-handling rules. Legal disputes go to the legal team, not to AI.",
      },
      apply: {
        prompt: "Which real supplier message or review will you draft with AI this week?",
        examples: ["Escalation about late pallets", "Quarterly review pack for the cleaning contractor", "Response to the carrier's price increase"],
      },
      reflectQuestions: ["Did the draft say what you needed more clearly or more quickly than usual?"],
    },
    {
      number: 4,
      title: "Capacity planning and the routine that sticks",
      learn: {
        workflow: "Rotas and capacity planning",
        summary:
          "Planning capacity means juggling demand, absence and skills. AI can help you test scenarios and explain a plan, though the numbers must come from your systems. This week you also decide which AI habits your team keeps.",
        tryThis: [
          "Take next month's demand forecast and staffing figures (no personal data).",
          "Ask for the weeks where demand exceeds capacity and three options to close each gap.",
          "Ask it to explain the plan in a short note for your team.",
          "Write down the two AI routines from this programme your team will keep, and share them.",
        ],
        examplePrompt:
          "Weekly demand (units): [paste]. Available hours per week after leave: [paste]. Each unit takes [x] minutes. Show which weeks are over capacity and by how much, and suggest three options for each, with the trade-off of each option.",
        watchOut: "Check its arithmetic: assistants can make calculation errors. Use your spreadsheet for the numbers and AI for the explanation.",
      },
      apply: {
        prompt: "Which real plan or team routine will you work on with AI this week?",
        examples: ["Next month's rota", "Peak season capacity plan", "A team guide to our AI routines"],
      },
      reflectQuestions: ["Which AI routine will your team keep, and who owns it?"],
    },
  ],
};
