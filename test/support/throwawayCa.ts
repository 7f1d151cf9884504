/**
 * A certificate authority made for one test run and thrown away: a root, and a server certificate
 * it signed for loopback (127.0.0.1, ::1, localhost). What a company that inspects TLS does with its
 * own root, in small. Keys come from node:crypto (fast); node-forge writes the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface ThrowawayCa {
  /** The root's certificate (PEM): what a person would add to NODE_EXTRA_CA_CERTS. */
  readonly caCert: string;
  /** The server's key and certificate (PEM), signed by the root. */
  readonly key: string;
  readonly cert: string;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey: forge.pki.privateKeyFromPem(privateKey), publicKey: forge.pki.publicKeyFromPem(publicKey), pem: privateKey };
}

function certificate(publicKey: forge.pki.rsa.PublicKey, commonName: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive serial: a leading 0x00..0x7f byte.
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  return cert;
}

export function makeThrowawayCa(name = 'Throwaway Test Root'): ThrowawayCa {
  const root = keyPair();
  const ca = certificate(root.publicKey, name);
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(root.privateKey, forge.md.sha256.create());

  const server = keyPair();
  const leaf = certificate(server.publicKey, 'localhost');
  leaf.setIssuer(ca.subject.attributes);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  leaf.sign(root.privateKey, forge.md.sha256.create());

  return { caCert: forge.pki.certificateToPem(ca), key: server.pem, cert: forge.pki.certificateToPem(leaf) };
}
