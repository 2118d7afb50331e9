import type { Track } from "../types";

export const financeTrack: Track = {
  id: "finance",
  name: "Finance: reporting, commentary and planning",
  role: "finance",
  audience: "Finance analysts, business partners and management accountants",
  description:
    "Four weeks on the work finance teams repeat every month: the reporting pack, variance commentary, forecast assumptions and the queries that fill the inbox. Every exercise uses your own material.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4, 8, 12],
  sessions: [
    {
      number: 1,
      title: "First drafts of variance commentary",
      learn: {
        workflow: "Monthly variance commentary for the management pack",
        summary:
          "Commentary is where month-end time goes: turning a variance table into plain sentences a budget holder will read. An AI assistant is good at the first draft and at spotting patterns across cost centres; you stay responsible for every number and every explanation.",
        tryThis: [
          "Take last month's variance table for one area and remove anything confidential the policy says must not leave your systems.",
          "Ask for a first draft of the commentary, one short paragraph per material variance, using only the figures you gave it.",
          "Ask it to list every number it used, then tick each one off against your table.",
          "Rewrite the explanations you know are wrong or incomplete; keep the structure if it helps.",
        ],
        examplePrompt:
          "You are helping a management accountant write month-end commentary. Using only the figures in the table below, draft one short paragraph for each variance over 5% or £10k, saying what moved, by how much, and the likely driver if the table shows it. Where the driver is not in the data, write [driver to confirm]. Table: [paste the variance table]",
        watchOut:
          "It will happily invent a plausible reason for a variance. Anything not supported by your data must be marked to confirm, and the final commentary is yours.",
      },
      apply: {
        prompt: "Which real piece of commentary or reporting will you draft with AI this week?",
        examples: ["This month's cost-centre commentary for operations", "The variance notes for the board pack", "The summary email that goes with the flash results"],
      },
      reflectQuestions: ["How much of the first draft did you keep, and what did you have to correct?"],
    },
    {
      number: 2,
      title: "Checking forecast assumptions",
      learn: {
        workflow: "Forecast and budget assumptions",
        summary:
          "A forecast is only as good as its assumptions, and they are rarely written down clearly. AI is useful as a challenger: it can turn your notes into a clear assumptions log and ask the questions a sceptical FD would ask.",
        tryThis: [
          "Write your current forecast assumptions as rough bullet points, with the figures.",
          "Ask the assistant to turn them into an assumptions log: assumption, basis, owner, sensitivity.",
          "Ask it for the five questions a finance director would challenge, and answer them yourself.",
          "Note any assumption you could not defend: that is the real output of the exercise.",
        ],
        examplePrompt:
          "Here are the assumptions behind our Q3 forecast: [paste bullets]. Turn them into a table with columns Assumption, Basis, Owner, What would change it. Then list the five questions a sceptical finance director would ask about them, most important first. Do not add assumptions I have not given you.",
        watchOut: "Do not paste unreleased results or market-sensitive figures unless your policy and tool allow it.",
      },
      apply: {
        prompt: "Which forecast, budget or business case will you put through this challenge this week?",
        examples: ["The Q3 reforecast for my business area", "Next year's headcount budget", "The business case for the new system"],
      },
      reflectQuestions: ["Did it raise a question you had not thought of? What did you change as a result?"],
    },
    {
      number: 3,
      title: "Clearing the query inbox",
      learn: {
        workflow: "Supplier, invoice and budget-holder queries",
        summary:
          "Many finance hours go on replying to the same kinds of question: why was this invoice rejected, where is my budget report, how do I code this. AI can draft clear, consistent replies and help you build a set of reusable answers.",
        tryThis: [
          "Pick five recent queries of the same type (remove personal and supplier details).",
          "Ask for a reply to each in your team's tone, short and specific, with the next step for the sender.",
          "Ask it to turn the replies into one reusable template with gaps for the details that change.",
          "Share the template with a colleague and ask whether it sounds like your team.",
        ],
        examplePrompt:
          "I work in accounts payable. Here is a supplier query with names removed: [paste]. Draft a reply that is polite, under 120 words, explains the reason in plain English and tells them exactly what to send us next. Our policy is: [paste the relevant rule].",
        watchOut: "Supplier bank details and personal data never go into the assistant. Check every reply against the actual policy before it is sent.",
      },
      apply: {
        prompt: "Which real set of queries or recurring emails will you use AI on this week?",
        examples: ["This week's rejected-invoice emails", "Budget-holder questions about the new cost codes", "The month-end reminder email"],
      },
      reflectQuestions: ["Would you send the AI draft as it was, or what did you always have to change?"],
    },
    {
      number: 4,
      title: "Making it a habit and sharing it",
      learn: {
        workflow: "Your month-end routine",
        summary:
          "Adoption sticks when it becomes part of the routine rather than an experiment. This week you choose the one or two steps of your month-end where AI earned its place, write down how you do them, and share that with the team.",
        tryThis: [
          "List your month-end tasks and mark where AI helped over the past three weeks.",
          "For the best one, write your prompt and your checking steps as a short how-to.",
          "Share it in the cohort channel, including what went wrong the first time.",
          "Agree with your manager which step you will keep doing this way next month.",
        ],
        examplePrompt:
          "Here are the steps I follow at month-end and notes on where I used an AI assistant: [paste]. Turn the AI-assisted steps into a one-page how-to for a colleague: the prompt, what to paste in, what to check before using the output, and the time it saves.",
        watchOut: "A how-to that hides the checking steps teaches the wrong habit. Keep the checks in.",
      },
      apply: {
        prompt: "Which how-to or routine change will you write down and share this week?",
        examples: ["A one-page guide to drafting commentary with AI", "Our team's prompt for forecast challenge", "A reply template for invoice queries"],
      },
      reflectQuestions: ["Which step will you keep doing with AI next month, and why that one?"],
    },
  ],
};
