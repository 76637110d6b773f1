// Drives `dotnet <dynlang.dll> lsp` over stdio with vscode-languageserver-protocol / vscode-jsonrpc (the
// library under vscode-languageclient, which itself needs VS Code), one node:test step per LSP exchange:
// initialize → initialized → didOpen (../leak.dyn, one unit error) → publishDiagnostics (id, line, column
// as `dynlang check` prints them) → didChange fixing it → empty diagnostics for that version → hover on a
// parameter → completion in an expression → definition → documentSymbol → shutdown → exit.
// Each step has its own timeout (LSP_STEP_TIMEOUT_MS, default 60 s) so a hang fails that step instead of
// blocking. Run by tests/lsp-clients/run.sh: DYNLANG_DLL=<built dynlang.dll> node --test lsp.test.js
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');

const dll = process.env.DYNLANG_DLL;
if (!dll || !fs.existsSync(dll)) {
  throw new Error(`set DYNLANG_DLL to the built dynlang.dll (got ${JSON.stringify(dll)})`);
}
const STEP_MS = Number(process.env.LSP_STEP_TIMEOUT_MS || 60000);
const step = { timeout: STEP_MS };

const fixture = path.resolve(__dirname, '..', 'leak.dyn');
const uri = pathToFileURL(fixture).href;
const broken = fs.readFileSync(fixture, 'utf8');
const fixed = broken.replace('/ tau + tau', '/ tau');
assert.notEqual(fixed, broken, 'the fixture has the `/ tau + tau` that the test fixes');
const lines = fixed.split('\n');

/** The 0-based position of the `nth` (0-based) occurrence of `word` as a whole word on a line containing `lineText`. */
function positionOf(lineText, word, nth = 0) {
  const line = lines.findIndex((l) => l.includes(lineText));
  assert.ok(line >= 0, `fixture line containing ${lineText}`);
  const re = new RegExp(`\\b${word}\\b`, 'g');
  let match;
  for (let i = 0; (match = re.exec(lines[line])) !== null; i++) if (i === nth) return { line, character: match.index };
  throw new Error(`no ${word} #${nth} on line ${line}`);
}
const tauDeclaration = positionOf('param tau', 'tau');
const tauUse = positionOf('dv/dt', 'tau');
const insideExpression = { line: tauUse.line, character: lines[tauUse.line].indexOf('(') + 1 };

// What the build says about the fixture: "leak.dyn(6,28): error DL0201: …" (1-based).
function buildDiagnostic() {
  let out;
  try {
    out = execFileSync('dotnet', [dll, 'check', fixture], { encoding: 'utf8', timeout: STEP_MS });
  } catch (e) {
    out = `${e.stdout || ''}${e.stderr || ''}`; // check exits 1 on an error, which is the point
  }
  const m = /leak\.dyn\((\d+),(\d+)\): error (DL\d{4}):/.exec(out);
  assert.ok(m, `dynlang check prints one error for the fixture; it printed:\n${out}`);
  return { code: m[3], line: Number(m[1]) - 1, character: Number(m[2]) - 1 };
}

const server = spawn('dotnet', [dll, 'lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.on('data', (d) => { stderr += d; });
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));

// Every publishDiagnostics, and waiters for one matching a predicate.
const published = [];
const waiters = [];
connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
  published.push(params);
  for (const w of waiters.slice()) if (w.match(params)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(params); }
});
connection.onNotification(lsp.LogMessageNotification.type, () => { /* logged server-side problems; ignored */ });
connection.onRequest(lsp.ConfigurationRequest.type, (params) => params.items.map(() => null));
connection.onRequest(lsp.RegistrationRequest.type, () => null);
connection.listen();

// A compile that runs over the server's budget first publishes warning DL0904 alone ("… its diagnostics follow
// when the compile ends"); such an interim list is skipped, the compile's own list follows.
const interim = (p) => p.diagnostics.some((d) => d.code === 'DL0904');

function diagnosticsWhere(wanted, what) {
  const match = (p) => !interim(p) && wanted(p);
  const seen = published.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `no publishDiagnostics with ${what} within ${STEP_MS} ms; published: ${JSON.stringify(published)}`)), STEP_MS - 1000);
    waiters.push({ match, resolve: (p) => { clearTimeout(timer); resolve(p); } });
  });
}

const textDocument = { uri };
const describe = (v) => JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');

after(async () => {
  connection.dispose();
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});

test('initialize', step, async () => {
  const result = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(path.dirname(fixture)).href,
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true },
      },
    },
    workspaceFolders: null,
  });
  const caps = result.capabilities;
  assert.equal(result.serverInfo?.name, 'dynlang', `serverInfo: ${describe(result.serverInfo)}`);
  assert.equal(caps.textDocumentSync?.change ?? caps.textDocumentSync, 1, 'full text sync');
  assert.ok(caps.documentSymbolProvider, 'documentSymbolProvider');
  connection.sendNotification(lsp.InitializedNotification.type, {});
});

test('didOpen → publishDiagnostics with the build\'s id, line and column', step, async () => {
  const expected = buildDiagnostic();
  assert.deepEqual(expected, { code: 'DL0201', line: 5, character: 27 }, 'dynlang check on the fixture');
  connection.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri, languageId: 'dyn', version: 1, text: broken } });
  const params = await diagnosticsWhere((p) => p.uri === uri && p.diagnostics.length > 0, 'diagnostics for version 1');
  assert.equal(params.version, 1, 'version of the published diagnostics');
  const errors = params.diagnostics.filter((d) => d.severity === lsp.DiagnosticSeverity.Error);
  assert.equal(errors.length, 1, `one error: ${describe(params.diagnostics)}`);
  const [d] = errors;
  assert.equal(d.code, expected.code, `code; diagnostic: ${describe(d)}`);
  assert.deepEqual(d.range.start, { line: expected.line, character: expected.character }, `range.start; diagnostic: ${describe(d)}`);
  assert.deepEqual(d.range.end, { line: expected.line, character: expected.character + 'tau'.length }, 'range.end');
  assert.equal(d.source, 'dynlang');
  assert.match(d.message, /unit mismatch/);
  assert.match(d.codeDescription?.href ?? '', /DL0201\.md$/, 'codeDescription.href');
});

test('didChange fixing the error → empty diagnostics for version 2', step, async () => {
  connection.sendNotification(lsp.DidChangeTextDocumentNotification.type,
    { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const params = await diagnosticsWhere((p) => p.uri === uri && p.version === 2, 'version 2');
  assert.deepEqual(params.diagnostics, [], 'diagnostics of the fixed text');
});

test('hover on a parameter shows "parameter", its name and its unit (ms)', step, async () => {
  const hover = await connection.sendRequest(lsp.HoverRequest.type, { textDocument, position: tauUse });
  assert.ok(hover, `hover at ${describe(tauUse)} answered ${describe(hover)}; expected MarkupContent about tau`);
  assert.equal(hover.contents?.kind, 'markdown', `contents: ${describe(hover.contents)}`);
  const text = hover.contents.value;
  for (const needed of [/parameter/i, /\btau\b/, /\bms\b/]) assert.match(text, needed, `hover text: ${text}`);
});

test('completion inside an expression offers the model\'s names and exp', step, async () => {
  const answer = await connection.sendRequest(lsp.CompletionRequest.type, { textDocument, position: insideExpression });
  const items = Array.isArray(answer) ? answer : answer?.items;
  assert.ok(Array.isArray(items), `completion at ${describe(insideExpression)} answered ${describe(answer)}`);
  const labels = new Set(items.map((i) => i.label));
  for (const label of ['tau', 'I', 'v', 'exp']) {
    assert.ok(labels.has(label), `completion has ${label}; labels: ${[...labels].join(', ')}`);
  }
});

test('definition of a use points at the declaration\'s name', step, async () => {
  const answer = await connection.sendRequest(lsp.DefinitionRequest.type, { textDocument, position: tauUse });
  const locations = Array.isArray(answer) ? answer : answer ? [answer] : [];
  assert.equal(locations.length, 1, `definition at ${describe(tauUse)} answered ${describe(answer)}`);
  const [loc] = locations;
  assert.equal(loc.uri ?? loc.targetUri, uri, 'uri');
  const range = loc.range ?? loc.targetSelectionRange;
  assert.deepEqual(range.start, tauDeclaration, `range: ${describe(range)}`);
});

test('documentSymbol lists the model with its input, parameter and state', step, async () => {
  const symbols = await connection.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument });
  assert.ok(Array.isArray(symbols) && symbols.length === 1, `one model: ${describe(symbols)}`);
  const [model] = symbols;
  assert.equal(model.name, 'Leak');
  const children = new Map((model.children ?? []).map((c) => [c.name, c]));
  for (const name of ['tau', 'I', 'v']) assert.ok(children.has(name), `child ${name}: ${describe(model.children)}`);
  assert.deepEqual(children.get('tau').selectionRange.start, tauDeclaration, 'tau selectionRange');
});

test('shutdown → exit: the server exits with 0', step, async () => {
  const result = await connection.sendRequest(lsp.ShutdownRequest.type);
  assert.equal(result ?? null, null);
  await connection.sendNotification(lsp.ExitNotification.type);
  const { code, signal } = await exited;
  assert.equal(signal, null, `signal; stderr: ${stderr}`);
  assert.equal(code, 0, `exit code; stderr: ${stderr}`);
});
