/**
 * Server text at its worst, shown, logged, exported or pasted back: displayText and logText leave
 * nothing that acts on the text around it, escapeMarkdown renders as the text itself (rendered by
 * marked, as VS Code renders tooltips), exports keep one row per member and guard formulas, pasted
 * address lists round-trip with their names, and look-alike letters are always named.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Membership } from '../../src/asana/schemas';
import { csvCell, exportMembers } from '../../src/members/exportMembers';
import { lookalikeWarning } from '../../src/members/lookalike';
import { parseUserList } from '../../src/members/parseUserList';
import { displayText, logText } from '../../src/util/displayText';
import { escapeMarkdown, escapeMarkdownInline } from '../../src/util/markdown';
import { hostileText, nastyString } from './arbitraries';
import { check, count } from './runs';

const ACTS_ON_TEXT = /[\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
const anyText = fc.oneof(hostileText, nastyString, fc.string({ unit: 'binary', maxLength: 60 }));

function member(name: string): Membership {
  return {
    gid: '1',
    user: { gid: '2', name },
    workspace: { gid: '3', name: 'W' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
  };
}

/** RFC 4180, the reading a spreadsheet does: cells of each record, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('Property: text from Asana, shown, logged, exported and pasted', function () {
  this.timeout(120_000);
  let render: (markdown: string) => string;

  before(async () => {
    const { marked } = await import('marked');
    render = (md) => marked.parse(md, { async: false, gfm: true });
  });

  it('displayText: one line, nothing that reorders or breaks it, idempotent, and otherwise the same text', () => {
    check(
      'displayText(any) → no controls, breaks, direction characters or broken UTF-16; idempotent',
      fc.property(anyText, (text) => {
        const shown = displayText(text);
        assert.ok(!ACTS_ON_TEXT.test(shown), JSON.stringify(shown));
        assert.equal(displayText(shown), shown);
        // Only removals and one-for-one replacements: never longer than the input.
        assert.ok(shown.length <= text.length);
      }),
      2_000,
    );
  });

  it('logText: every line after the first is indented, controls show as escapes, idempotent', () => {
    check(
      'logText(any) → indented continuations, no controls but \\n and \\t; idempotent',
      fc.property(anyText, (text) => {
        const line = logText(text);
        assert.ok(!/[^\P{Cc}\n\t]|[\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(line), JSON.stringify(line));
        for (const continuation of line.split('\n').slice(1)) assert.ok(continuation.startsWith('    '), JSON.stringify(line));
        assert.equal(logText(line), line);
      }),
      2_000,
    );
  });

  it('escapeMarkdown: renders as exactly the displayed text, with no link, image, HTML or other markup', () => {
    check(
      'marked(escapeMarkdown(any)) → <p>displayText(any)</p>, nothing else',
      fc.property(fc.oneof(anyText, fc.constantFrom('[a](https://x.y)', '![a](https://x.y)', '<b>x</b>', 'https://x.y', 'www.x.y', 'a@b.co', '&amp;', '`x`', '*x*')), (text) => {
        const html = render(escapeMarkdown(text)).trim();
        const expected = displayText(text).trim();
        if (expected === '') return;
        count('escaped texts rendered');
        const inner = /^<p>([\s\S]*)<\/p>$/.exec(html)?.[1];
        assert.ok(inner !== undefined && !/<|>/.test(inner.replace(/&lt;|&gt;/g, '')), `${JSON.stringify(text)} → ${html}`);
        const visible = inner.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        // Markdown drops trailing spaces of a paragraph and treats runs of spaces as they are.
        assert.equal(visible.trim(), expected.trim().replace(/^ +| +$/g, ''), JSON.stringify(text));
      }),
      1_500,
    );
  });

  it('Markdown export: one row per member whatever the names, every cell inert', () => {
    check(
      'exportMembers(markdown, any names) → header + rule + one row each, no markup',
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), (names) => {
        const md = exportMembers(names.map(member), () => undefined, 'markdown');
        const lines = md.split(/\r\n|[\n\r\u2028\u2029\u0085\v\f]/).filter((l) => l !== '');
        assert.equal(lines.length, names.length + 2, JSON.stringify(md));
        // An address may be shown as a mailto link whose text is the address itself; nothing else becomes markup.
        const html = render(md).replace(/<a href="mailto:([^"]*)">\1<\/a>/g, '$1');
        assert.ok(!/<(a|img|strong|em|code|del|script|h\d)\b/.test(html), html);
        assert.equal((html.match(/<tr>/g) ?? []).length, names.length + 1);
        for (const name of names) assert.equal(escapeMarkdownInline(name).includes('\n'), false);
      }),
      500,
    );
  });

  it('CSV export: a spreadsheet reads back every name, and no cell starts a formula', () => {
    check(
      'parseCsv(exportMembers(csv, any names)) → the names (guarded), one record each',
      fc.property(fc.array(fc.oneof(anyText, fc.constantFrom('=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', 'a;=1', 'a,b', '"q"')), { minLength: 1, maxLength: 5 }), (names) => {
        const rows = parseCsv(exportMembers(names.map(member), () => undefined, 'csv'));
        assert.equal(rows.length, names.length + 1);
        names.forEach((name, i) => {
          const cell = rows[i + 1]![0]!;
          assert.equal(cell, /^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
          assert.ok(!/^[=+\-@\t\r]/.test(cell));
          // Split on ";" (or a tab) as other locales do: no piece after the first starts a formula either.
          for (const piece of csvCell(name).split(/[;\t]/).slice(1)) assert.ok(!/^[=+\-@]/.test(piece) || csvCell(name).startsWith('"'), csvCell(name));
        });
      }),
      1_000,
    );
  });

  it('parseUserList: address lists as mail clients write them come back with every name and address', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ'’-]{1,12}$/).filter((w) => w.toLowerCase() !== 'me' && !w.toLowerCase().startsWith('mailto'));
    const person = fc.record({
      name: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      email: fc.emailAddress().filter((e) => !/["\\<>,;\s]/.test(e)),
    });
    const forms = ['gmail', 'outlook', 'lastFirst', 'bare', 'mailto'] as const;
    check(
      'parseUserList(Gmail | Outlook | "Last, First" | bare | mailto lists) → the same people',
      fc.property(fc.uniqueArray(person, { minLength: 1, maxLength: 6, selector: (p) => p.email.toLowerCase() }), fc.constantFrom(...forms), (people, form) => {
        const text = {
          gmail: () => people.map((p) => `"${p.name.replace(/["\\]/g, '\\$&')}" <${p.email}>`).join(', '),
          outlook: () => people.map((p) => `${p.name} <${p.email}>`).join('; '),
          lastFirst: () => people.map((p) => `"${p.name.split(' ').reverse().join(', ')}" <${p.email}>`).join(', '),
          bare: () => people.map((p) => p.email).join(',\n'),
          // A link carries the address percent-encoded where URIs need it ("?" and "%" at least).
          mailto: () => people.map((p) => `mailto:${p.email.replace(/[%?#]/g, (c) => encodeURIComponent(c))}`).join(' '),
        }[form]();
        const parsed = parseUserList(text);
        count(`address lists parsed (${form})`);
        assert.deepEqual(parsed.invalid, [], text);
        assert.deepEqual(parsed.refs, people.map((p) => p.email));
        if (form === 'gmail' || form === 'outlook') assert.deepEqual(parsed.people.map((p) => p.name), people.map((p) => p.name));
        if (form === 'lastFirst') assert.deepEqual(parsed.people.map((p) => p.name), people.map((p) => p.name.split(' ').reverse().join(', ')));
      }),
      1_000,
    );
  });

  it('lookalikeWarning: plain ASCII addresses pass; one Cyrillic look-alike letter is always named', () => {
    const LOOKALIKES: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', x: '\u0445', y: '\u0443' };
    check(
      'lookalikeWarning(ASCII email) → none; with one letter swapped for Cyrillic → names it',
      fc.property(fc.emailAddress(), fc.nat(), (email, pick) => {
        assert.equal(lookalikeWarning(email), undefined, email);
        const at = email.lastIndexOf('@');
        const local = email.slice(0, at);
        const spots = [...local].map((ch, i) => [ch, i] as const).filter(([ch]) => ch in LOOKALIKES);
        // Needs another Latin letter to stay mainly Latin: "a@x.y" alone would be an all-Cyrillic local part.
        if (spots.length === 0 || (local.match(/[a-z]/gi) ?? []).length < 2) return;
        const [ch, i] = spots[pick % spots.length]!;
        const spoofed = `${local.slice(0, i)}${LOOKALIKES[ch]}${local.slice(i + 1)}${email.slice(at)}`;
        count('look-alike addresses flagged');
        assert.match(lookalikeWarning(spoofed) ?? '', new RegExp(`Cyrillic letter \\(${LOOKALIKES[ch]} U\\+`), spoofed);
      }),
      1_000,
    );
  });
});
