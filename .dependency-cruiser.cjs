/**
 * Keeps the layers of DESIGN.md honest: `npm run lint` fails when a dependency points the wrong way.
 */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "domain/ holds the rules: no I/O, no SDKs, nothing from other layers.",
      severity: "error",
      from: { path: "^bot/src/domain" },
      to: { pathNot: ["^bot/src/domain", "node_modules/(luxon|zod)/", "^(luxon|zod)$"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "only-store-imports-cosmos",
      severity: "error",
      from: { pathNot: "^bot/src/store" },
      to: { path: "node_modules/@azure/cosmos/" },
    },
    {
      name: "only-teams-imports-botbuilder",
      severity: "error",
      from: { pathNot: "^bot/src/teams" },
      to: { path: "node_modules/(botbuilder|botframework-)" },
    },
    {
      name: "cards-are-pure",
      comment: "cards/ turns typed data into card JSON; it sends nothing and stores nothing.",
      severity: "error",
      from: { path: "^bot/src/cards" },
      to: { path: "^bot/src/(store|teams|api|scheduler|usecases)" },
    },
    {
      name: "usecases-do-not-know-transport",
      severity: "error",
      from: { path: "^bot/src/usecases" },
      to: { path: "^bot/src/(store|teams|api|scheduler)" },
    },
    {
      name: "contract-is-shared",
      comment: "contract/ is what the tab, api/, teams/ and the use cases agree on: schemas and types, nothing that runs.",
      severity: "error",
      from: { path: "^bot/src/contract" },
      to: { pathNot: ["^bot/src/(contract|domain)", "node_modules/zod/", "^zod$"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^(tests|tab)/" },
  },
};
