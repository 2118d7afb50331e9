import type { Track } from "../types";

export const marketingTrack: Track = {
  id: "marketing",
  name: "Marketing: campaigns, briefs and audience insight",
  role: "marketing",
  audience: "Marketing managers, executives and content specialists",
  description:
    "Four weeks on real marketing work: reading campaign data, writing briefs, making sense of audience research and planning content. You bring the material; the programme brings the method.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4, 8, 12],
  sessions: [
    {
      number: 1,
      title: "Reading campaign performance data",
      learn: {
        workflow: "Campaign performance reporting",
        summary:
          "Most campaign reports describe what happened; few say what to do next. An AI assistant can read an export, find the patterns and draft the 'so what' for you to test against what you know about the campaign.",
        tryThis: [
          "Export last month's results for one campaign (channel, spend, impressions, clicks, leads or sales).",
          "Ask which channels and segments performed best against cost, and why the data suggests that.",
          "Ask for three recommendations for next month, each tied to a number in the data.",
          "Check each claim against the export before anything goes into your report.",
        ],
        examplePrompt:
          "Here is a campaign export with columns [list columns]: [paste data]. Which channels gave the lowest cost per qualified lead? Give me three recommendations for next month, each quoting the figure it rests on. If the data cannot support a conclusion, say so.",
        watchOut: "Check that it read the right columns: spend and revenue are easily confused. Customer-level data stays out unless the policy allows it.",
      },
      apply: {
        prompt: "Which real campaign report or performance review will you use AI on this week?",
        examples: ["The monthly paid-social report", "The post-event review for the spring webinar", "The quarterly channel mix summary for leadership"],
      },
      reflectQuestions: ["Did it find anything in the data you had not seen? Did it get anything wrong?"],
    },
    {
      number: 2,
      title: "Briefs that agencies and designers can act on",
      learn: {
        workflow: "Creative and campaign briefs",
        summary:
          "A vague brief costs rounds of revisions. AI is good at structure: turning your notes into a complete brief and pointing out what is missing before it reaches the agency.",
        tryThis: [
          "Write your notes for an upcoming brief as they are in your head: objective, audience, message, deadline.",
          "Ask the assistant to turn them into your brief template and to list what is missing or unclear.",
          "Answer the gaps yourself; do not let it invent the objective or the budget.",
          "Ask it to write the single-minded proposition three different ways and pick one.",
        ],
        examplePrompt:
          "Turn these notes into a creative brief with sections Objective, Audience, Key message, Proof points, Mandatories, Deliverables, Timeline: [paste notes]. After the brief, list every question a designer would need answered that my notes do not answer.",
        watchOut: "Unreleased product details and pricing may be confidential: follow the data-handling section of the policy.",
      },
      apply: {
        prompt: "Which real brief will you write or improve with AI this week?",
        examples: ["The January launch brief for the design team", "The agency brief for the trade show stand", "A content brief for the next newsletter"],
      },
      reflectQuestions: ["Which of the gaps it found would have cost you a revision round?"],
    },
    {
      number: 3,
      title: "Making sense of audience research",
      learn: {
        workflow: "Survey comments, reviews and customer research",
        summary:
          "Open-text feedback is valuable and rarely read in full. AI can cluster hundreds of comments into themes with example quotes, so you spend your time deciding what to do about them.",
        tryThis: [
          "Take a batch of survey comments or reviews and remove names and contact details.",
          "Ask for the main themes, how often each appears, and two representative quotes per theme.",
          "Read a random sample of the raw comments yourself and check the themes hold.",
          "Turn the strongest theme into one message or persona update.",
        ],
        examplePrompt:
          "Here are 300 anonymised survey comments: [paste]. Group them into no more than eight themes. For each: a one-line description, roughly how many comments fit it, and two verbatim quotes. Then tell me which theme surprised you relative to the rest.",
        watchOut: "Themes can sound tidier than the data. Spot-check against the raw comments, and never paste personal data.",
      },
      apply: {
        prompt: "Which real research or feedback will you analyse with AI this week?",
        examples: ["The customer satisfaction survey comments", "Last quarter's product reviews", "Sales call notes about objections"],
      },
      reflectQuestions: ["How did the themes compare with what you found reading the comments yourself?"],
    },
    {
      number: 4,
      title: "Planning content and keeping the brand voice",
      learn: {
        workflow: "Content calendars and on-brand copy",
        summary:
          "Generic copy is the most common complaint about AI writing. The fix is to give it your voice first. This week you build a reusable voice guide prompt and use it to plan and draft a month of content.",
        tryThis: [
          "Paste three pieces of your own content you are proud of and ask the assistant to describe the voice.",
          "Correct that description until it sounds like your brand guidelines.",
          "Use it to draft next month's content calendar: themes, formats, one draft post per week.",
          "Share the voice prompt in the cohort channel so colleagues can reuse it.",
        ],
        examplePrompt:
          "Here are three posts that sound like us: [paste]. Describe our voice in five rules. Then, following those rules, propose a four-week LinkedIn calendar on [theme] with one post drafted for each week, each under 150 words.",
        watchOut: "Claims about products, results and customers must be checked. Do not publish anything AI drafted without a human edit.",
      },
      apply: {
        prompt: "Which real content plan or copy will you produce with your voice prompt this week?",
        examples: ["Next month's LinkedIn calendar", "Email sequence for the webinar", "Product page copy refresh"],
      },
      reflectQuestions: ["How close to your brand voice did it get once you gave it examples?"],
    },
  ],
};
