import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring arrives with the sign-in and tree features.
}

export function deactivate(): void {}
