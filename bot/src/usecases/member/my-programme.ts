/** What a member asks about themselves, for callers that want all three stories (the tab's "my data" route). */
export { whatsNext } from "./whats-next";
export { myProgress } from "./my-progress";
export { deleteMyData, myData, myMeasuredUsage } from "./my-data";
