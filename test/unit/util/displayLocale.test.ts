// Numbers and dates follow VS Code's display language, as the extension host is told it.
import * as assert from 'node:assert/strict';
import { fromNlsConfig } from '../../../src/util/displayLocale';

describe('display locale', () => {
  it('takes the locale VS Code hands the extension host', () => {
    assert.equal(fromNlsConfig(JSON.stringify({ locale: 'de', availableLanguages: {} })), 'de');
    assert.equal(fromNlsConfig(JSON.stringify({ locale: 'pt-br' })), 'pt-br');
    assert.equal((10_002).toLocaleString(fromNlsConfig(JSON.stringify({ locale: 'de' }))), '10.002');
    assert.equal((10_002).toLocaleString(fromNlsConfig(JSON.stringify({ locale: 'fr' }))), '10\u202f002');
  });

  it('falls back to the runtime default without a config, for a tag Intl cannot format, and for a broken config', () => {
    assert.equal(fromNlsConfig(undefined), undefined);
    assert.equal(fromNlsConfig(''), undefined);
    assert.equal(fromNlsConfig(JSON.stringify({ locale: 'qps-ploc' })), undefined, 'the pseudo-locale has no number format');
    assert.equal(fromNlsConfig(JSON.stringify({ locale: 'not a tag' })), undefined);
    assert.equal(fromNlsConfig(JSON.stringify({ locale: 7 })), undefined);
    assert.equal(fromNlsConfig('{'), undefined);
  });
});
