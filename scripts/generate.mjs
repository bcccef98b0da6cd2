// Writes the committed files that are generated from the engine's own data, so each has one
// source of truth; a unit test fails when a committed copy is stale. Run after changing
// src/policy/authoring/templates.ts or a rule's metadata:  npm run generate
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const policy = createRequire(import.meta.url)(join(root, 'dist/policy.js'));
const outputs = {
  'snippets/trust-policy.code-snippets': policy.renderSnippetsFile(),
  'docs/rules.md': policy.renderRulesMarkdown(policy.RULES),
};
for (const [file, text] of Object.entries(outputs)) {
  writeFileSync(join(root, file), text);
  console.log(`generate: wrote ${file}`);
}
