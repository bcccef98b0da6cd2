// trust-policy-lint: the policy engine as a command for CI. The logic lives in cli/main.ts,
// so that tests can import it without running it.
import { escapeControls } from './cli/format';
import { main } from './cli/main';

/** Status 1 means findings: anything that goes wrong in the tool itself is 2, with a reason. */
function fail(error: unknown): never {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  try {
    process.stderr.write(`trust-policy-lint: internal error (${escapeControls(what)}); please report this\n`);
  } finally {
    process.exit(2);
  }
}

// `trust-policy-lint … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fail(error);
});
// main's status is a number, or a promise of one for `audit` (it reads AWS).
(async () => {
  process.exitCode = await main(process.argv.slice(2));
})().catch(fail);
