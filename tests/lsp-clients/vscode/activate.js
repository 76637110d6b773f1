// Activates editors/vscode/extension.js outside VS Code (which cannot run here), with a stand-in `vscode`
// module just rich enough for vscode-languageclient 11 to start and stop a client:
//   1. dynlang.server.path = a missing file: the extension shows an error naming the install command;
//   2. dynlang.server.path = dotnet, args = [<dll>, lsp]: activate resolves (the client started the server and
//      finished initialize) with no error shown, and deactivate stops it.
// Needs `npm ci` in editors/vscode (package.sh does it). Prints "ok: step" / "FAILED: step: …"; exit 1 on a failure.
// Run by tests/lsp-clients/run.sh: node tests/lsp-clients/vscode/activate.js <dynlang.dll>
'use strict';
const Module = require('node:module');
const path = require('node:path');

const ext = path.resolve(__dirname, '../../../editors/vscode/extension.js');
const dll = process.argv[2];
const stepMs = Number(process.env.LSP_STEP_TIMEOUT_MS || 60000);
const calls = [];
let settings = {};

// Whatever the client touches and this file does not model: callable, constructible, every property another such.
function anything(name) {
  return new Proxy(function () {}, {
    get(t, p) {
      if (p === 'then') return undefined; // not a thenable
      if (p === Symbol.toPrimitive) return () => name;
      if (p === 'dispose') return () => {};
      return anything(`${name}.${String(p)}`);
    },
    apply(t, self, args) { calls.push([name, args]); return anything(`${name}()`); },
    construct(t, args) { calls.push([`new ${name}`, args]); return anything(`new ${name}`); },
  });
}
class Disposable {
  constructor(f) { this.f = f; }
  dispose() { if (this.f) this.f(); }
  static from(...d) { return new Disposable(() => d.forEach((x) => x && x.dispose && x.dispose())); }
}
class EventEmitter {
  constructor() { this.listeners = []; this.event = (l) => { this.listeners.push(l); return new Disposable(); }; }
  fire(e) { this.listeners.forEach((l) => l(e)); }
  dispose() {}
}
function channel(name, options) {
  const log = (kind) => (...a) => calls.push([kind, a]);
  const c = { name, appendLine: log('appendLine'), append() {}, show() {}, hide() {}, dispose() {}, clear() {}, replace() {} };
  if (options && options.log) {
    Object.assign(c, { logLevel: 2, onDidChangeLogLevel: () => new Disposable(),
      trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') });
  }
  return c;
}
const known = {
  Disposable, EventEmitter, version: '1.95.0',
  env: { appName: 'stand-in', language: 'en', machineId: 'm', sessionId: 's' },
  window: new Proxy({}, { get(t, p) {
    if (p === 'showErrorMessage') return async (...a) => { calls.push(['showErrorMessage', a]); return undefined; };
    if (p === 'createOutputChannel') return channel;
    return anything(`window.${String(p)}`);
  } }),
  workspace: new Proxy({}, { get(t, p) {
    if (p === 'getConfiguration') {
      return (section) => ({ get: (k, d) => settings[section ? `${section}.${k}` : k] ?? d, has: () => false,
        inspect: () => undefined, update: async () => {} });
    }
    if (p === 'onDidChangeConfiguration') return () => new Disposable();
    if (p === 'textDocuments') return [];
    if (p === 'workspaceFolders') return undefined;
    return anything(`workspace.${String(p)}`);
  } }),
};
const vscode = new Proxy(known, { get(t, p) { return p in t ? t[p] : anything(`vscode.${String(p)}`); } });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };

let failed = 0;
const ok = (name) => console.log(`ok: ${name}`);
const fail = (name, why) => { failed++; console.log(`FAILED: ${name}: ${why}`); };
const within = (promise, ms) => Promise.race([promise.then(() => 'resolved'),
  new Promise((r) => setTimeout(() => r(`no answer within ${ms} ms`), ms).unref())]);

(async () => {
  if (!dll) throw new Error('usage: node activate.js <dynlang.dll>');
  const extension = require(ext);

  let name = 'a missing server: an error message with the install command';
  settings = { 'dynlang.server.path': path.join(__dirname, 'no-such-dynlang') };
  let how = await within(extension.activate({ subscriptions: [] }), stepMs);
  const shown = calls.filter((c) => c[0] === 'showErrorMessage').map((c) => String(c[1][0]));
  const ours = shown.find((m) => m.includes('dotnet tool install -g DynLang.Cli --add-source'));
  if (how !== 'resolved') fail(name, `activate: ${how}`);
  else if (!ours) fail(name, `expected a message with "dotnet tool install -g DynLang.Cli --add-source", got ${JSON.stringify(shown)}`);
  else ok(name);
  await extension.deactivate();

  name = 'the built server: activate starts it (initialize answered), no error, deactivate stops it';
  calls.length = 0;
  settings = { 'dynlang.server.path': 'dotnet', 'dynlang.server.args': [dll, 'lsp'] };
  how = await within(extension.activate({ subscriptions: [] }), stepMs);
  const errors = calls.filter((c) => c[0] === 'showErrorMessage' || c[0] === 'error').map((c) => String(c[1][0]));
  if (how !== 'resolved') fail(name, `activate: ${how}`);
  else if (errors.length) fail(name, `expected no error, got ${JSON.stringify(errors)}`);
  else {
    const stopped = await within(Promise.resolve(extension.deactivate()), stepMs);
    if (stopped !== 'resolved') fail(name, `deactivate: ${stopped}`); else ok(name);
  }
  console.log(`vscode: ${2 - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log(`FAILED: activate.js: ${e && e.stack || e}`); process.exit(1); });
