import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "src/generated", "data", "coverage", "dist"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The dashboard's page script runs in the browser (issue 13).
    files: ["assets/dashboard/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        ["window", "document", "history", "sessionStorage", "fetch", "URL", "URLSearchParams", "Intl", "Node", "setTimeout", "console"].map((g) => [g, "readonly"]),
      ),
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
);
