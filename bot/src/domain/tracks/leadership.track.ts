import type { Track } from "../types";

export const leadershipTrack: Track = {
  id: "leadership",
  name: "Leadership: go first, set direction, make it safe",
  role: "leadership",
  audience: "Executives, directors and senior managers",
  description:
    "Leaders go first. Four weeks on using AI in your own strategic work, deciding where the organisation invests, setting governance and showing your teams that learning in public is expected.",
  defaultLocalTime: "08:30",
  adoptionCheckWeeks: [4, 8, 12],
  sessions: [
    {
      number: 1,
      title: "Use it on your own work first",
      learn: {
        workflow: "Strategy papers and board packs",
        summary:
          "Teams watch what leaders do, not what they say. Start with your own work: use AI to stress-test a paper you are writing. You will learn where it helps and where it misleads, which is what you need to lead the change credibly.",
        tryThis: [
          "Pick a strategy paper, board paper or investment case you are working on now.",
          "Ask the assistant to argue against it: the strongest objections a sceptical board member would raise.",
          "Ask it to summarise the paper in 100 words for someone who will read nothing else.",
          "Decide which objections you will address, and note where it was simply wrong.",
        ],
        examplePrompt:
          "Here is a draft board paper: [paste, with confidential figures removed]. Act as a sceptical non-executive director. Give me the five strongest objections, most serious first, and what evidence would answer each. Then summarise the paper in 100 words.",
        watchOut: "Board papers often contain inside information. Remove it or use only the tools your policy approves for it.",
      },
      apply: {
        prompt: "Which real paper or decision of your own will you stress-test with AI this week?",
        examples: ["The investment case for next year's budget round", "My all-hands message on the reorganisation", "The risk appetite paper"],
      },
      reflectQuestions: ["Which objection was worth having, and where did it mislead you?"],
    },
    {
      number: 2,
      title: "Deciding where to invest",
      learn: {
        workflow: "Prioritising AI opportunities",
        summary:
          "The question is not which tool to buy but which workflows matter. Use AI to structure the opportunities your teams raise, score them on value, risk and effort, and pick the few worth backing.",
        tryThis: [
          "List the AI ideas you have heard from your teams, in one line each.",
          "Ask the assistant to group them by workflow and suggest criteria: value, risk, effort, data sensitivity.",
          "Score the top ten yourself; use the assistant only to challenge your scores.",
          "Choose two to back this quarter and say so to your teams.",
        ],
        examplePrompt:
          "Here are AI opportunities raised by my teams: [paste]. Group them by the business workflow they change. For each group, suggest how to judge value, risk, effort and data sensitivity, and the questions I should ask the team before backing it.",
        watchOut: "Investment decisions need your organisation's real numbers. The assistant structures the thinking; it does not know your costs.",
      },
      apply: {
        prompt: "Which real investment or prioritisation decision will you work through with AI this week?",
        examples: ["Shortlist of AI pilots for next quarter", "Business case review for the customer-service pilot", "Where AI fits in our three-year plan"],
      },
      reflectQuestions: ["Which two opportunities did you choose, and how will your teams hear about it?"],
    },
    {
      number: 3,
      title: "Governance that gives confidence",
      learn: {
        workflow: "AI-use policy and risk register",
        summary:
          "People will not use AI confidently until they know what is allowed. Leaders own that clarity. Review the AI-use policy as someone in your teams would read it and find what still makes them hesitate.",
        tryThis: [
          "Read the current AI-use policy as a new starter in one of your teams.",
          "Ask the assistant which everyday situations the policy leaves unclear.",
          "Bring the two most important gaps to whoever owns the policy.",
          "Add generative AI to your area's risk register with an owner and a mitigation.",
        ],
        examplePrompt:
          "Here is our AI-use policy: [paste]. A finance analyst, a marketer and a team leader each want to use AI this week. For each, list two realistic situations where the policy does not give a clear answer, and suggest the sentence that would make it clear.",
        watchOut: "Policy is a judgement about your organisation's risk appetite. Use the output to find gaps, not to write the rules.",
      },
      apply: {
        prompt: "Which governance gap or risk entry will you work on with AI this week?",
        examples: ["Two clarifications for the AI-use policy", "Our area's AI risk register entry", "Guidance on AI in client work"],
      },
      reflectQuestions: ["What made people hesitate, and who will fix it?"],
    },
    {
      number: 4,
      title: "Model it in public",
      learn: {
        workflow: "Leading by example",
        summary:
          "The most effective adoption signal is a leader saying 'I used AI for this, here is what worked and what did not'. This week you share one real experiment with your teams, including the failure, and set the expectation that trying is part of the job.",
        tryThis: [
          "Pick the experiment from the last three weeks that taught you most.",
          "Write a short note: what you tried, the time it saved, what went wrong.",
          "Share it with your teams: \"Share an experiment with your teams\" (on your win card in the bot, or in the tab's Leadership view) posts it to their channels and their next brief.",
          "Remove one barrier your teams have told you about (time, access, permission).",
        ],
        examplePrompt:
          "Help me write a short, honest message to my team about how I used AI this month. What I tried: [notes]. What worked: [notes]. What did not: [notes]. Tone: plain, no hype, and make it clear that bad first attempts are expected.",
        watchOut: "Hype undermines trust. Share the failure as well as the win.",
      },
      apply: {
        prompt: "Which real experiment will you share with your teams this week? Use \"Share an experiment with your teams\", failure included.",
        examples: ["The board pack draft: it got the structure right and two numbers wrong", "Summarising a long supplier contract before a negotiation", "Turning meeting notes into a decision log"],
      },
      reflectQuestions: ["You shared an experiment with your teams (\"Share an experiment with your teams\"): how did they react, and did anyone share theirs?"],
    },
  ],
};
