// The VS Code side of pyx: starts `pyls` for Python files through
// vscode-languageclient and shows its state in the status bar.

import * as fs from "fs";
import * as os from "os";
import { execFile } from "child_process";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { findServer, initializationOptions, Probe, ServerState, statusItem } from "./server";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;

const probe: Probe = {
  isFile(p: string): boolean {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
  version(p: string): Promise<string | Error> {
    return new Promise((resolve) => {
      execFile(p, ["--version"], { timeout: 5000 }, (err, stdout) => resolve(err ? err : stdout));
    });
  },
};

function show(state: ServerState, version?: string, message?: string): void {
  const s = statusItem(state, version, message);
  status.text = s.text;
  status.tooltip = s.tooltip;
  status.show();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("pyx");
  show("starting");
  const found = await findServer(
    {
      configured: config.get<string>("path"),
      extensionPath: context.extensionPath,
      platform: process.platform,
      pathEnv: process.env.PATH,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      home: os.homedir(),
    },
    probe,
  );
  if (!found.ok) {
    show("failed", undefined, found.message);
    output.appendLine(found.message);
    void vscode.window.showErrorMessage(found.message);
    return;
  }
  output.appendLine(`Using pyls ${found.version} from ${found.path} (${found.source})`);
  const serverOptions: ServerOptions = { command: found.path, args: [] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
    ],
    outputChannel: output,
    initializationOptions: initializationOptions(config.get("rules")),
    synchronize: { configurationSection: "pyx" },
  };
  client = new LanguageClient("pyx", "pyx language server", serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      show("running", found.version);
    } else if (e.newState === State.Stopped) {
      show("stopped");
    } else {
      show("starting");
    }
  });
  try {
    await client.start();
  } catch (e) {
    const message = `pyls failed to start: ${e instanceof Error ? e.message : String(e)}`;
    show("failed", undefined, message);
    output.appendLine(message);
  }
}

async function stop(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop().catch(() => undefined);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("pyx");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  status.command = "pyx.showOutput";
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("pyx.restartServer", async () => {
      await stop();
      await start(context);
    }),
    vscode.commands.registerCommand("pyx.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("pyx.path")) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
