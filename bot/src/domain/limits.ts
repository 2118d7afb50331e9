/** Input limits shared by cards, the API and the store. Generous for real answers, small enough to keep every card far under Teams' size limits. */
export const LIMITS = {
  shortText: 200, // names, titles, a deliverable
  answerText: 1000, // a check-in answer, a win, a question
  policyItem: 500, // one bullet of a policy section
  policyItems: 30, // bullets per policy section
  policySummary: 600,
  minutesSavedMax: 6000, // 100 hours in a week is already implausible
  membersPerCohort: 20000,
  facilitatorsPerCohort: 50,
  requestBodyBytes: 256 * 1024,
} as const;
