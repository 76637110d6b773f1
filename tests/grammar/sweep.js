#!/usr/bin/env node
// Tokenizes .dyn files with the extension's TextMate grammar (vscode-textmate + vscode-oniguruma,
// the engine VS Code uses) and checks that every file tokenizes to its end and that no line carries
// an `invalid.illegal` scope, except the lines listed in illegal-expected.txt (files written to
// contain a bad character), which must carry one.
// Usage: node sweep.js [FILE...] (paths relative to the repository root; without any, every .dyn
// file `git ls-files` lists, except the grammar's own tests/grammar/*.test.dyn, which hold bad
// characters on purpose and are checked by their assertions). One line per failure,
// then "sweep: N files, M failed"; exit 1 on any failure.
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '../..');
const modules = path.join(root, 'editors/vscode/node_modules');
const vsctm = require(path.join(modules, 'vscode-textmate'));
const oniguruma = require(path.join(modules, 'vscode-oniguruma'));

const grammarPath = path.join(root, 'editors/vscode/syntaxes/dyn.tmLanguage.json');
const expectedPath = path.join(__dirname, 'illegal-expected.txt');
const expected = new Set(fs.readFileSync(expectedPath, 'utf8').split('\n')
  .map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));

async function main() {
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => scopeName === 'source.dyn'
      ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.dyn');
  let files = process.argv.slice(2);
  if (files.length === 0) {
    files = require('child_process').execFileSync('git', ['ls-files', '-z', '*.dyn', ':!tests/grammar/*.test.dyn'], { cwd: root, encoding: 'utf8' })
      .split('\0').filter(Boolean);
  }
  let failedFiles = 0;
  const seenIllegal = new Set();
  for (const file of files) {
    const problems = [];
    try {
      const lines = fs.readFileSync(path.join(root, file), 'utf8').split(/\r?\n/);
      let stack = vsctm.INITIAL;
      lines.forEach((line, i) => {
        const r = grammar.tokenizeLine(line, stack, 1000);
        if (r.stoppedEarly) problems.push(`${file}:${i + 1}: tokenizing stopped early (over 1 s)`);
        const end = r.tokens.length ? r.tokens[r.tokens.length - 1].endIndex : 0;
        if (line.length > 0 && end < line.length) problems.push(`${file}:${i + 1}: tokens end at ${end} of ${line.length}`);
        const illegal = r.tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid.illegal')));
        const key = `${file}:${i + 1}`;
        if (illegal.length) {
          seenIllegal.add(key);
          if (!expected.has(key)) {
            const texts = illegal.map((t) => JSON.stringify(line.slice(t.startIndex, t.endIndex))).join(', ');
            problems.push(`${key}: invalid.illegal on ${texts}`);
          }
        } else if (expected.has(key)) {
          problems.push(`${key}: listed in illegal-expected.txt but has no invalid.illegal token`);
        }
        stack = r.ruleStack;
      });
    } catch (e) {
      problems.push(`${file}: ${e.message}`);
    }
    if (problems.length) { failedFiles++; problems.forEach((p) => console.log(`FAIL ${p}`)); }
  }
  // An entry for a file that was swept must have been seen (stale entries fail too).
  const swept = new Set(files);
  for (const key of expected) {
    const file = key.replace(/:\d+$/, '');
    if (!swept.has(file)) { console.log(`FAIL ${key}: listed in illegal-expected.txt but the file was not swept`); failedFiles++; }
  }
  console.log(`sweep: ${files.length} files, ${failedFiles} failed`);
  process.exit(failedFiles ? 1 : 0);
}
main().catch((e) => { console.log(`FAIL sweep: ${e.stack || e}`); process.exit(1); });
