// trust-policy-lint: the policy engine as a command for CI. The logic lives in cli/main.ts,
// so that tests can import it without running it.
import { main } from './cli/main';

process.exitCode = main(process.argv.slice(2));
