// The klingc extension: starts `klingc lsp --stdio` for .kp files and Markdown storyboards.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

/** The `klingc.path` setting, else the workspace's own klingc (node_modules/.bin), else klingc on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration("klingc").get("path");
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(
      folder.uri.fsPath,
      "node_modules",
      ".bin",
      process.platform === "win32" ? "klingc.cmd" : "klingc",
    );
    if (existsSync(local)) return local;
  }
  return "klingc";
}

function activate(context) {
  const command = serverCommand();
  const run = {
    command,
    args: ["lsp", "--stdio"],
    transport: TransportKind.stdio,
    options: { shell: process.platform === "win32" },
  };
  client = new LanguageClient(
    "klingc",
    "klingc",
    { run, debug: run },
    {
      documentSelector: [
        { scheme: "file", language: "klingc" },
        { scheme: "untitled", language: "klingc" },
        { scheme: "file", language: "markdown" },
      ],
      initializationOptions: {
        debounceMs: vscode.workspace.getConfiguration("klingc").get("debounceMs"),
      },
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(
          "**/{klingc.config.json,.klingcrc.json}",
        ),
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
