import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".bench/**",
      "node_modules/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  // Layout is Prettier's (npm run format; npm run lint checks it): no ESLint rule may disagree.
  prettier,
  {
    // The dependency points one way: app/ uses components/, never the reverse. A page passes its
    // server actions to components as props; types both need live in lib/ (or components/).
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app", "@/app/*"],
              message:
                "components/ must not import from app/: take the server action as a prop, and move shared types to lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Every word a page shows is a message (messages/<locale>/*.json), in both languages: a
    // literal string in JSX fails the lint. Symbols, the logo's initials and "404" read the same
    // in both; app/global-error.tsx renders without the messages and says why.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: ["app/global-error.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: false,
          ignoreProps: true,
          allowedStrings: [
            "TN",
            "404",
            "·",
            "—",
            "×",
            "→",
            "←",
            "✓",
            "✗",
            "(",
            ")",
            ":",
            "/",
            "…",
            "|",
            "+",
            "−",
            "%",
            "#",
            "@",
            ",",
            ".",
          ],
        },
      ],
    },
  },
];

export default config;
