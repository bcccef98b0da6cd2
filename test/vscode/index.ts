// Test entry that the extension host loads (extensionTestsPath): runs every *.test.js beside it
// with mocha and ends with the plain "N passed, N failed" line the harness reads.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.IAM_TRUST_TEST_GREP;
  if (grep) mocha.grep(grep);
  // activation.test.js first: it checks what a fresh window has loaded, before any other suite
  // opens a trust policy (which loads the language features for the rest of the window's life).
  const first = (f: string) => (f === 'activation.test.js' ? 0 : 1);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort((a, b) => first(a) - first(b) || a.localeCompare(b))) {
    mocha.addFile(join(__dirname, file));
  }
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  console.log(`${stats.passes} passed, ${stats.failures} failed`);
  if (stats.failures > 0) throw new Error(`${stats.failures} test(s) failed`);
}
