// extension.ts — the VS Code client of the korrektur language server.
//
// Starts `korrektur lsp --stdio` (the binary from the `korrektur.path` setting,
// else PATH) for plain-text and `korrektur-qa` documents, forwards the
// `korrektur.*` settings the server understands, and adds the two commands
// ("korrektur: Ret alle", "korrektur: Genstart server") and a status-bar item
// with the server's state and the active document's problem count. Diagnostics,
// quick fixes, fix-on-save (`source.fixAll.korrektur`), hover and the
// dictionary commands come from the server through vscode-languageclient.
import * as vscode from 'vscode';
import {
  CodeAction,
  CodeActionRequest,
  Command,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

const FIX_ALL = 'source.fixAll.korrektur';
const LANGUAGES = ['plaintext', 'korrektur-qa'];

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;

// The `korrektur` settings section as the server reads it (terms, dictionary,
// rules, minSeverity, maxFileSize, trace). Client-only keys such as `path` stay
// here; null/empty values are left out so the server keeps its defaults.
export function serverSettings(cfg: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration('korrektur')) {
  const settings: Record<string, unknown> = {};
  const terms = cfg.get<string[]>('terms');
  if (Array.isArray(terms)) settings.terms = terms;
  const dictionary = cfg.get<string | null>('dictionary');
  if (typeof dictionary === 'string' && dictionary !== '') settings.dictionary = dictionary;
  const rules = cfg.get<Record<string, unknown>>('rules');
  if (rules && typeof rules === 'object') settings.rules = rules;
  const minSeverity = cfg.get<string>('minSeverity');
  if (minSeverity) settings.minSeverity = minSeverity;
  const maxFileSize = cfg.get<number>('maxFileSize');
  if (typeof maxFileSize === 'number') settings.maxFileSize = maxFileSize;
  const trace = cfg.get<string>('trace.server');
  if (trace) settings.trace = trace;
  return settings;
}

function serverPath(): string {
  const configured = vscode.workspace.getConfiguration('korrektur').get<string>('path') ?? '';
  return configured.trim() !== '' ? configured.trim() : 'korrektur';
}

function createClient(): LanguageClient {
  const serverOptions: ServerOptions = {
    command: serverPath(),
    args: ['lsp', '--stdio'],
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.korrektur.json'),
    vscode.workspace.createFileSystemWatcher('**/.korrektur-ordbog.txt'),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: serverSettings(),
    synchronize: { fileEvents: watchers },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    middleware: {
      workspace: {
        // Answer the server's workspace/configuration pulls with the cleaned
        // section, so it never sees client-only keys.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => {
            if (item.section === 'korrektur') {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return serverSettings(vscode.workspace.getConfiguration('korrektur', scope));
            }
            return answers[i];
          });
        },
      },
    },
  };
  const c = new LanguageClient('korrektur', 'korrektur', serverOptions, clientOptions);
  c.onDidChangeState(() => updateStatus());
  return c;
}

// ---- status bar -----------------------------------------------------------------

function isOurs(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && LANGUAGES.includes(doc.languageId);
}

function countProblems(uri: vscode.Uri) {
  const counts = [0, 0, 0, 0]; // by vscode.DiagnosticSeverity: Error, Warning, Information, Hint
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source === 'korrektur') counts[d.severity]++;
  }
  return counts;
}

export function updateStatus(): void {
  if (!status) return;
  const doc = vscode.window.activeTextEditor?.document;
  const state = client?.state;
  if (!isOurs(doc) && state !== State.Stopped) {
    status.hide();
    return;
  }
  status.backgroundColor = undefined;
  if (state === State.Starting) {
    status.text = '$(sync~spin) korrektur';
    status.tooltip = 'korrektur: serveren starter';
  } else if (state !== State.Running) {
    status.text = '$(error) korrektur: stoppet';
    status.tooltip = 'korrektur: serveren kører ikke (se loggen; "korrektur: Genstart server")';
    status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  } else if (doc) {
    const [errors, warnings, infos, hints] = countProblems(doc.uri);
    const shown = errors + warnings + infos + hints;
    status.text = shown === 0 ? '$(check) korrektur: 0' : `$(warning) korrektur: ${shown}`;
    status.tooltip =
      `korrektur kører — ${errors} fejl, ${warnings} advarsler, ${infos} oplysninger, ${hints} tip i dette dokument.\n` +
      'Klik for loggen.';
  }
  status.accessibilityInformation = { label: status.text.replace(/\$\([^)]*\)\s*/g, '') };
  status.show();
}

// ---- commands -------------------------------------------------------------------

// "korrektur: Ret alle": asks the server for source.fixAll.korrektur over the
// whole document and applies it (the same action fix-on-save runs).
async function fixAll(): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!client || client.state !== State.Running || !editor || !isOurs(editor.document)) {
    vscode.window.showWarningMessage('korrektur: intet dokument at rette (serveren kører ikke for denne fil)');
    return 0;
  }
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const result = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
    range: client.code2ProtocolConverter.asRange(new vscode.Range(0, 0, end.line, end.character)),
    context: { only: [FIX_ALL], diagnostics: [] },
  });
  let applied = 0;
  for (const item of result ?? []) {
    if (Command.is(item)) {
      await vscode.commands.executeCommand(item.command, ...(item.arguments ?? []));
      applied++;
      continue;
    }
    const action = item as CodeAction;
    if (action.edit) {
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
      if (await vscode.workspace.applyEdit(edit)) applied++;
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
  vscode.window.setStatusBarMessage(applied > 0 ? 'korrektur: rettet' : 'korrektur: intet at rette', 3000);
  return applied;
}

async function restart(): Promise<void> {
  if (client) {
    try {
      await client.stop();
    } catch (err) {
      output.appendLine(`korrektur: stop failed: ${err}`);
    }
    await client.dispose();
  }
  client = createClient();
  updateStatus();
  await client.start();
}

// ---- activation ---------------------------------------------------------------------

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('korrektur');
  traceOutput = vscode.window.createOutputChannel('korrektur (trace)');
  status = vscode.window.createStatusBarItem('korrektur.status', vscode.StatusBarAlignment.Left, 100);
  status.name = 'korrektur';
  status.command = 'korrektur.showOutput';
  context.subscriptions.push(
    output,
    traceOutput,
    status,
    vscode.commands.registerCommand('korrektur.fixAll', fixAll),
    vscode.commands.registerCommand('korrektur.restartServer', restart),
    vscode.commands.registerCommand('korrektur.showOutput', () => output.show(true)),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!client) return;
      if (e.affectsConfiguration('korrektur.path')) {
        await restart();
      } else if (e.affectsConfiguration('korrektur') && client.state === State.Running) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { korrektur: serverSettings() },
        });
      }
    }),
  );
  client = createClient();
  updateStatus();
  try {
    await client.start();
  } catch (err) {
    output.appendLine(`korrektur: could not start ${serverPath()}: ${err}`);
    vscode.window.showErrorMessage(
      `korrektur: kunne ikke starte »${serverPath()} lsp --stdio«. Sæt indstillingen korrektur.path.`,
    );
  }
  updateStatus();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
