// Test entry for VS Code for the Web (extensionTestsPath of @vscode/test-web, npm run test:web):
// loaded into the browser's Web Worker extension host beside dist/web/extension.js, so it is a
// browser bundle too (scripts/webBuild.mjs: out/test/web/suite/index.js) and uses mocha's browser
// build. Ends with the plain "N passed, N failed" line.
import 'mocha/mocha';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 30_000, color: false });
    // Registered after setup(): the test file calls describe() and it() when it runs.
    require('./web.test');
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
