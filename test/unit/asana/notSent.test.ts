/**
 * Which socket failures prove a request never left, the one case where a write may be sent again.
 * undici wraps the socket's error, so the code is looked for down the cause chain, but not forever.
 */
import * as assert from 'node:assert/strict';
import { errorCode, provablyNotSent } from '../../../src/asana/transport';

function coded(code: string, depth = 0): Error {
  let e: Error = Object.assign(new Error(code), { code });
  for (let i = 0; i < depth; i++) e = new Error(`wrapper ${i}`, { cause: e });
  return e;
}

describe('requests that provably never left', () => {
  it('are the connection failures before any byte was sent', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']) {
      assert.equal(provablyNotSent(coded(code)), true, code);
    }
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ETIMEDOUT']) assert.equal(provablyNotSent(coded(code)), false, code);
    assert.equal(provablyNotSent(new Error('no code')), false);
    assert.equal(provablyNotSent('ECONNREFUSED'), false);
    assert.equal(provablyNotSent(undefined), false);
  });

  it('find the first code within five errors of the chain', () => {
    assert.equal(errorCode(coded('ECONNREFUSED', 4)), 'ECONNREFUSED');
    assert.equal(errorCode(coded('ECONNREFUSED', 5)), undefined);
    const outer = Object.assign(new Error('outer', { cause: coded('ECONNREFUSED') }), { code: 'UND_ERR_SOCKET' });
    assert.equal(errorCode(outer), 'UND_ERR_SOCKET');
    assert.equal(errorCode(Object.assign(new Error('numeric'), { code: 42 })), undefined);
    const loop = new Error('loop');
    (loop as { cause?: unknown }).cause = loop;
    assert.equal(errorCode(loop), undefined, 'a cyclic chain ends');
  });
});
