// One runner for everything: pure unit tests, integration tests over real HTTP against the
// embedded Cosmos server, component tests in jsdom and end-to-end tests in headless Chromium.
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      transform: { react: { runtime: "automatic" } },
      target: "es2022",
    },
    module: { type: "commonjs" },
  },
];

// ESM-only packages that jest's CommonJS runtime must have transformed.
const esmPackages = ["jose", "d3-[a-z-]+", "internmap", "delaunator", "robust-predicates"].join("|");

const common = {
  transform: { "^.+\\.(t|j)sx?$": swc, "^.+\\.mjs$": swc },
  // Ignore node_modules unless the path leads to one of the ESM-only packages (even nested).
  transformIgnorePatterns: [`/node_modules/(?!.*(${esmPackages})/)`],
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: "unit",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "integration",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "tab",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/tests/tab/**/*.test.tsx"],
      setupFilesAfterEnv: ["<rootDir>/tests/helpers/jsdom-setup.ts"],
      testTimeout: 20000,
      moduleNameMapper: { "\\.(css)$": "<rootDir>/tests/helpers/style-stub.js" },
    },
    {
      ...common,
      displayName: "e2e",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
    },
  ],
};
