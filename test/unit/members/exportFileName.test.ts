// The file name an export suggests: readable, safe on every file system, dated.
import * as assert from 'node:assert/strict';
import { exportFileName } from '../../../src/members/exportFileName';

const day = new Date(Date.UTC(2026, 11, 3, 23, 30));

describe('export file name', () => {
  it('names what is exported, of which workspace, and the day', () => {
    assert.equal(exportFileName('Acme Corp', 'members', 'csv', day), 'Acme Corp members 2026-12-03.csv');
    assert.equal(exportFileName('Acme Corp', 'former', 'markdown', day), 'Acme Corp former members 2026-12-03.md');
    assert.equal(exportFileName('Acme Corp', 'changes', 'csv', day), 'Acme Corp roster changes 2026-12-03.csv');
  });

  it('keeps letters of every script, and drops what a file system refuses or reads as a path', () => {
    assert.equal(exportFileName('Ångström / R&D: "Q4"?', 'members', 'csv', day), 'Ångström R&D Q4 members 2026-12-03.csv');
    assert.equal(exportFileName('..\\..\\etc\\passwd', 'members', 'csv', day), 'etc passwd members 2026-12-03.csv');
    assert.equal(exportFileName('a\u0000b\nc\td', 'members', 'csv', day), 'a b c d members 2026-12-03.csv');
    assert.equal(exportFileName('<>|*', 'members', 'csv', day), 'Asana workspace members 2026-12-03.csv');
    assert.equal(exportFileName('...hidden', 'members', 'csv', day), 'hidden members 2026-12-03.csv');
  });

  it('shortens a very long name, without splitting a character', () => {
    const name = exportFileName('😀'.repeat(200), 'members', 'csv', day);
    assert.equal(name, `${'😀'.repeat(80)} members 2026-12-03.csv`);
  });

  it('leaves no space at the end of a name, whole or shortened where a space was', () => {
    assert.equal(exportFileName('Acme Corp \t', 'members', 'csv', day), 'Acme Corp members 2026-12-03.csv');
    assert.equal(exportFileName(`${'a'.repeat(79)} tail`, 'members', 'csv', day), `${'a'.repeat(79)} members 2026-12-03.csv`);
  });
});
