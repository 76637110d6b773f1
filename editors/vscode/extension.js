// The DynLang extension's client: starts the language server (`dynlang lsp` over stdio) for `dyn`
// documents with vscode-languageclient. Settings: `dynlang.server.path` (default `dynlang` on PATH),
// `dynlang.server.args` (default ["lsp"]); changing either restarts the server. Plain JavaScript, no build step.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const INSTALL_HINT =
  'Install the DynLang tool with `dotnet tool install -g DynLang.Cli --add-source <feed>` ' +
  '(it puts `dynlang` on PATH), or set `dynlang.server.path` to the full path of `dynlang`.';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.LogOutputChannel | undefined} (vscode-languageclient 11 writes to a log channel) */
let output;

function serverCommand() {
  const config = vscode.workspace.getConfiguration('dynlang');
  const command = (config.get('server.path') || '').trim() || 'dynlang';
  const args = config.get('server.args');
  return { command, args: Array.isArray(args) ? args.map(String) : ['lsp'] };
}

async function startClient() {
  const { command, args } = serverCommand();
  // No `transport`: with TransportKind.stdio the library appends `--stdio` to the arguments, which
  // `dynlang lsp` refuses; without it the server still talks over the process's stdin/stdout.
  const executable = { command, args };
  client = new LanguageClient(
    'dynlang',
    'DynLang Language Server',
    { run: executable, debug: executable },
    {
      documentSelector: [{ language: 'dyn' }],
      outputChannel: output,
      // Fail once and say why, instead of restarting a server that cannot start.
      initializationFailedHandler: () => false,
    });
  try {
    await client.start();
  } catch (error) {
    const failed = client;
    client = undefined;
    try { await failed.dispose(); } catch { /* the process never started */ }
    const reason = error && error.message ? error.message : String(error);
    const notFound = error && (error.code === 'ENOENT' || /ENOENT|not found|cannot find/i.test(reason));
    const message = notFound
      ? `DynLang: the language server \`${command}\` was not found. ${INSTALL_HINT}`
      : `DynLang: the language server \`${[command, ...args].join(' ')}\` could not start (${reason}). ${INSTALL_HINT}`;
    output.error(message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'dynlang.server');
    } else if (choice === 'Show Output') {
      output.show(true);
    }
  }
}

async function stopClient() {
  if (!client) return;
  const running = client;
  client = undefined;
  try { await running.stop(); } catch { /* already stopped */ }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel('DynLang Language Server', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (event.affectsConfiguration('dynlang.server')) {
      await stopClient();
      await startClient();
    }
  }));
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
