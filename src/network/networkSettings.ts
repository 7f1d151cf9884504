/**
 * VS Code's network settings (`http.proxy`, `http.proxyAuthorization`, `http.proxyStrictSSL`,
 * `http.noProxy`, `http.proxySupport`, `http.systemCertificates`) and the environment, as the
 * Asana client takes them (src/asana/network.ts), read again whenever an `http.*` setting changes.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { extraCertificates } from '../asana/certificates';
import { proxySecrets, type NetworkSettings } from '../asana/network';
import type { ChannelLogger } from '../log/channelLogger';

const SECTION = 'http';

export class NetworkSettingsSource implements vscode.Disposable {
  private settings: NetworkSettings | undefined;
  private readonly changed = new vscode.EventEmitter<NetworkSettings>();
  /** An `http.*` setting changed: the new settings, for the clients in use. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly logger: ChannelLogger) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.settings = undefined;
      this.logger.info('The network settings (http.*) changed: the next request to Asana uses them.');
      this.changed.fire(this.current);
    });
  }

  /** The settings in force, read at the first call after a change. */
  get current(): NetworkSettings {
    this.settings ??= this.read();
    return this.settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read(): NetworkSettings {
    const http = vscode.workspace.getConfiguration(SECTION);
    const env = { ...process.env };
    const systemCertificates = http.get<boolean>('systemCertificates', true);
    let certs: readonly string[] | undefined;
    const settings: NetworkSettings = {
      proxy: http.get<string>('proxy') ?? '',
      proxyAuthorization: http.get<string | null>('proxyAuthorization') ?? '',
      strictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: http.get<string[]>('noProxy') ?? [],
      proxySupport: http.get<string>('proxySupport', 'override'),
      env,
      // Read at the first connection: the system's store takes a fifth of a second, which activation should not wait for.
      extraCaCerts: () => (certs ??= this.certificates(env, systemCertificates)),
    };
    for (const secret of proxySecrets(settings)) this.logger.addSecret(secret);
    return settings;
  }

  private certificates(env: NodeJS.ProcessEnv, systemCertificates: boolean): readonly string[] {
    const extra = extraCertificates({ env, systemCertificates, readFile: (file) => fs.readFileSync(file, 'utf8') });
    for (const note of extra.notes) this.logger.warn(note);
    return extra.certs;
  }
}
