// trust-policy-lint: the policy engine as a command for CI. The logic lives in cli/main.ts,
// so that tests can import it without running it.
import { main } from './cli/main';

// `trust-policy-lint … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
