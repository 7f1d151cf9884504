// The client's messages with a translator comment are looked up under their message/comment key, as
// VS Code does: a comment lost would leave the message English in every translation.
import * as assert from 'node:assert/strict';
import type { InvalidResponseError } from '../../../src/asana/errors';
import { parseEnvelope } from '../../../src/asana/responses';
import { WorkspaceSchema } from '../../../src/asana/schemas';
import { requireCount, requireGid } from '../../../src/asana/validate';
import { english, useTranslator } from '../../../src/util/l10n';
import { showKeys } from '../../helpers/showKeys';

const REQUEST = { method: 'GET', path: '/workspaces/1' };

function refusal(body: string): InvalidResponseError {
  try {
    parseEnvelope(body, WorkspaceSchema, REQUEST, 200);
  } catch (e) {
    return e as InvalidResponseError;
  }
  assert.fail('the response was accepted');
}

describe('client messages in the display language', () => {
  beforeEach(() => useTranslator(showKeys));
  afterEach(() => useTranslator(english));

  it('an input refused names its parameter under the key with its comment', () => {
    assert.throws(() => requireGid('12a', 'workspace'), { message: '[workspace must be an Asana id made of digits; got "12a"./{0} is the name of a parameter]' });
    assert.throws(() => requireCount(0, 1, 100, 'limit'), { message: '[limit must be a whole number from 1 to 100; got 0./{0} is the name of a parameter]' });
  });

  it('a response of an unexpected shape says what is wrong, each part under its own key', () => {
    const shape = '/{1} says what is wrong: "is missing", "should be string"]';
    assert.equal(
      refusal(JSON.stringify({ data: { gid: '1', name: 7, resource_type: 'workspace' } })).message,
      `[Asana sent a response in an unexpected shape: field "data.name" [should be string/a JSON type: string, number, object].${shape}`,
    );
    assert.equal(refusal(JSON.stringify({ data: { gid: '1', resource_type: 'workspace' } })).message, `[Asana sent a response in an unexpected shape: field "data.name" [is missing].${shape}`);
  });
});
