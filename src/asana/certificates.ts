/**
 * Which certificate authorities the client trusts: what VS Code trusts. Companies that inspect TLS
 * install their own root CA, in the system's store or in a file named by NODE_EXTRA_CA_CERTS.
 * Giving TLS a `ca` list replaces Node's roots instead of adding to them, so the list handed over
 * is Node's roots plus those extra ones; with no extra one, no list is given and Node's stay.
 */
import * as tls from 'node:tls';

/** What node:tls offers; `getCACertificates` exists from Node 22.15 / 23.10 on. Replaced in tests. */
export interface TlsStore {
  readonly rootCertificates: readonly string[];
  getCACertificates?(type: 'default' | 'system' | 'bundled' | 'extra'): string[];
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM file's text, each from BEGIN to END; anything between them is ignored. */
export function splitPem(text: string): string[] {
  return text.match(PEM) ?? [];
}

export interface ExtraCertificates {
  readonly certs: string[];
  /** What could not be done, for the log (no certificate content in it). */
  readonly notes: string[];
}

/**
 * The certificates to trust besides Node's bundled roots: the file NODE_EXTRA_CA_CERTS names (Node
 * reads it only at start-up and only into its default store, which a custom list replaces), and
 * the system's store when `http.systemCertificates` is on and this Node can read it.
 */
export function extraCertificates(opts: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly systemCertificates: boolean;
  readonly readFile: (path: string) => string;
  readonly tls?: TlsStore;
}): ExtraCertificates {
  const certs: string[] = [];
  const notes: string[] = [];
  const file = opts.env['NODE_EXTRA_CA_CERTS']?.trim();
  if (file) {
    try {
      const found = splitPem(opts.readFile(file));
      if (found.length === 0) notes.push(`NODE_EXTRA_CA_CERTS (${file}) holds no PEM certificate.`);
      certs.push(...found);
    } catch (e) {
      notes.push(`NODE_EXTRA_CA_CERTS (${file}) could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (opts.systemCertificates) {
    const store: TlsStore = opts.tls ?? tls;
    if (typeof store.getCACertificates === 'function') {
      try {
        certs.push(...store.getCACertificates('system'));
      } catch (e) {
        notes.push(`The system's certificates could not be read: ${e instanceof Error ? e.message : String(e)}`);
      }
    } else {
      notes.push(
        `This version of Node (${process.version}) cannot read the system's certificates: Node's own roots and NODE_EXTRA_CA_CERTS are trusted.`,
      );
    }
  }
  return { certs, notes };
}

/**
 * The `ca` list for TLS: undefined when there is nothing to add (Node's default store is then used
 * as it is, NODE_EXTRA_CA_CERTS included), else Node's default roots followed by the extra ones,
 * each once.
 */
export function trustedCertificates(extra: readonly string[], store: TlsStore = tls): string[] | undefined {
  if (extra.length === 0) return undefined;
  const defaults = typeof store.getCACertificates === 'function' ? store.getCACertificates('default') : store.rootCertificates;
  return [...new Set([...defaults, ...extra])];
}
