// A company's own root certificate, as a person behind TLS inspection has it: a throwaway CA made
// for the run, named by NODE_EXTRA_CA_CERTS in the environment code-server (and so its extension
// host) starts with. The suite's network tests serve the emulator over https with a server
// certificate this root signed, found through COMPANY_ROOT_DIR.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeThrowawayCa } from '../support/throwawayCa';

/** The environment variable that names the folder holding `server-key.pem` and `server-cert.pem`. */
export const COMPANY_ROOT_DIR = 'ASANA_SUITE_COMPANY_ROOT';

export interface CompanyRoot {
  /** NODE_EXTRA_CA_CERTS and COMPANY_ROOT_DIR, for code-server's environment. */
  readonly env: Readonly<Record<string, string>>;
  remove(): void;
}

export function makeCompanyRoot(): CompanyRoot {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asana-company-root-'));
  const ca = makeThrowawayCa('Company Inspection Root (test)');
  fs.writeFileSync(path.join(dir, 'root.pem'), ca.caCert);
  fs.writeFileSync(path.join(dir, 'server-key.pem'), ca.key, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'server-cert.pem'), ca.cert);
  return {
    env: { NODE_EXTRA_CA_CERTS: path.join(dir, 'root.pem'), [COMPANY_ROOT_DIR]: dir },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
