/** Input limits shared by cards, the API and the store. Generous for real answers, small enough to keep every card far under Teams' size limits. */
export const LIMITS = {
  shortText: 200, // names, titles, a deliverable
  holidaysPerCalendar: 100, // several years of public holidays
  answerText: 1000, // a check-in answer, a win, a question
  digestNote: 600, // the facilitator's note that opens the next session's brief
  leaderNote: 600, // a leader's note that opens the following team cohorts' first brief
  reflectQuestions: 3, // a session's own reflect questions asked on its check-in, each with an answer box
  reflectAnswerText: 500, // an answer to one of them: with the three main answers, a check-in stays far under 28 KB even in 3-byte scripts
  policyItem: 500, // one bullet of a policy section
  policyItems: 30, // bullets per policy section
  policySummary: 600,
  minutesSavedMax: 6000, // 100 hours in a week is already implausible
  membersPerCohort: 20000,
  facilitatorsPerCohort: 50,
  requestBodyBytes: 256 * 1024,
  // Creating or editing a cohort sends its whole roster: about 200 bytes a member, so 20,000
  // members with names and job titles (membersPerCohort) fit; 256 KB stopped at about 3,000.
  rosterRequestBodyBytes: 4 * 1024 * 1024,
} as const;
