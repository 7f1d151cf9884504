import * as assert from 'node:assert/strict';
import { queryAt } from '../../../src/search/mentionQuery';

describe('what counts as a mention being typed', () => {
  it('is not one right after a letter, digit, dot, underscore or hyphen: that is an email address', () => {
    for (const before of ['ada', 'ada1', 'ada.l', 'ada_l', 'ada-l', 'zoë', '٣']) assert.equal(queryAt(`${before}@acme`, '@'), undefined, before);
  });

  it('is one after a space, punctuation or at the start of the line', () => {
    assert.equal(queryAt('@ada', '@'), 'ada');
    for (const before of [' ', '(', '"', ',', '+', '\t']) assert.equal(queryAt(`hi${before}@ada`, '@'), 'ada', JSON.stringify(before));
  });

  it('takes names with digits, dots, underscores, apostrophes and hyphens, and nothing else', () => {
    for (const name of ["o'brien", 'ada.l', 'ada_l', 'mary-jane', 'r2d2', 'zoë', 'Ωmega']) assert.equal(queryAt(`cc @${name}`, '@'), name);
    for (const name of ['ada!', 'a/b', 'a@b', 'a,b', 'x y']) assert.equal(queryAt(`cc @${name}`, '@'), undefined, name);
  });

  it('reads from the last trigger on the line, with the trigger the caller uses', () => {
    assert.equal(queryAt('@ada and @bob', '@'), 'bob');
    assert.equal(queryAt('ping +ada', '+'), 'ada');
    assert.equal(queryAt('ping @ada', '+'), undefined);
  });
});
