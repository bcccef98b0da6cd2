// The manifest's localisable strings (package.json %key% -> package.nls.json), and the parts of
// the manifest that must agree with the code: the language-model tools and the walkthrough.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LM_TOOLS } from '../../src/language/lmTools/toolNames';
import { WALKTHROUGH_CONTEXT } from '../../src/commands/walkthroughContext';
import { draftPatterns } from '../../src/policy/authoring/draftTrustPolicy';

// Tests run from out/test/unit; the repository root is three levels up.
const root = join(__dirname, '..', '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);
const nls: Record<string, unknown> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

/** Every %key% placeholder in a manifest text. */
function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/"%([^"%\s]+)%"/g)].map((m) => m[1]!));
}

/** Keys used but not defined, and defined but not used. */
function nlsMismatch(text: string, strings: Record<string, unknown>): { missing: string[]; unused: string[] } {
  const used = placeholders(text);
  return { missing: [...used].filter((k) => !(k in strings)), unused: Object.keys(strings).filter((k) => !used.has(k)) };
}

describe('manifest strings (package.nls.json)', () => {
  it('every %key% of package.json has an entry in package.nls.json, and every entry is used', () => {
    assert.deepEqual(nlsMismatch(manifestText, nls), { missing: [], unused: [] });
  });

  it('the check can fail: a missing and an unused key are both reported', () => {
    assert.deepEqual(nlsMismatch('{"title": "%a%", "x": "%b%"}', { a: 'A', c: 'C' }), { missing: ['b'], unused: ['c'] });
  });

  it('every entry is a non-empty string', () => {
    for (const [key, value] of Object.entries(nls)) assert.ok(typeof value === 'string' && value.trim() !== '', key);
  });

  it('commands and settings are localisable: titles and descriptions are %keys%', () => {
    for (const command of manifest.contributes.commands) assert.match(command.title, /^%.+%$/, command.command);
    for (const [name, setting] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
      const text = setting.markdownDescription ?? setting.description;
      assert.match(String(text), /^%.+%$/, name);
    }
  });
});

describe('manifest and code agree', () => {
  const tools: Array<{ name: string; inputSchema: { properties: Record<string, { enum?: string[] }> }; modelDescription: string }> = manifest.contributes.languageModelTools;

  it('contributes each language-model tool the code registers, and no other', () => {
    assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(LM_TOOLS).sort());
  });

  it('the draft tool offers exactly the patterns that can be drafted, and names their parameters', () => {
    const draft = tools.find((t) => t.name === LM_TOOLS.draftTrustPolicy)!;
    assert.deepEqual(draft.inputSchema.properties.pattern!.enum, draftPatterns().map((p) => p.id));
    for (const pattern of draftPatterns()) {
      assert.ok(draft.modelDescription.includes(`${pattern.id} (${pattern.label}): ${pattern.parameters.map((p) => p.name).join(', ')}`), pattern.id);
    }
  });

  it('the walkthrough completes on context keys the code sets, and its images are shipped', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const keys = new Set<string>(Object.values(WALKTHROUGH_CONTEXT));
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    for (const step of walkthrough.steps) {
      for (const event of step.completionEvents as string[]) {
        if (event.startsWith('onContext:')) assert.ok(keys.has(event.slice('onContext:'.length)), `${step.id}: ${event}`);
      }
      assert.match(step.media.image, /^media\/walkthrough\/[\w-]+\.png$/);
      assert.ok(existsSync(join(root, step.media.image)), `${step.media.image} exists`);
    }
    assert.ok(ignore.includes('!media/walkthrough/*.png') && ignore.includes('!package.nls.json'), '.vscodeignore ships them');
  });
});
