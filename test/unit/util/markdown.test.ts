/**
 * Markdown escaping, checked by rendering: `marked` is the renderer VS Code's Markdown tooltips
 * use (here as @vscode/vsce's dependency), with GitHub-flavoured autolinks, as in VS Code.
 */
import * as assert from 'node:assert/strict';
import { displayText } from '../../../src/util/displayText';
import { escapeMarkdown, escapeMarkdownInline, markdownCode } from '../../../src/util/markdown';

type Render = (markdown: string) => string;

/** What a person sees of rendered HTML: the text, with the few entities marked writes decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

const HOSTILE_NAMES: readonly string[] = [
  '[Verify your account](https://evil.example/login)',
  '![tracker](https://evil.example/pixel.png)',
  '<img src="https://evil.example/x.png" onerror="alert(1)">',
  '<a href="https://evil.example">Ada</a>',
  'Verify your account → https://evil.example',
  'www.evil.example',
  'ada@evil.example',
  '&#x202E;gnp.exe',
  '**bold** _em_ ~~gone~~ `code`',
  '$(alert) $(sync~spin)',
  '# Heading',
  '- list item',
  '1. list item',
  '> quote',
  '| a | b |',
  'a\\',
  '\\[not escaped\\]',
  '<https://evil.example>',
  '[x]: https://evil.example',
  'Ada\n\n[link](https://evil.example)',
];

describe('Markdown escaping', () => {
  let render: Render;

  before(async () => {
    const { marked } = await import('marked');
    render = (md) => marked.parse(md, { async: false, gfm: true });
  });

  it('escapeMarkdown: every hostile name renders as its own text, with no link, image or HTML', () => {
    for (const name of HOSTILE_NAMES) {
      const html = render(`**${escapeMarkdown(name)}**`);
      assert.ok(!/<(a|img|script|h\d|ul|ol|li|blockquote|table|code|del|em)\b/.test(html.replace(/^<p><strong>|<\/strong><\/p>\s*$/g, '')), `${JSON.stringify(name)} → ${html}`);
      assert.equal(visibleText(html), displayText(name), JSON.stringify(name));
    }
  });

  it('escapeMarkdown: spaces around a name make no code block and leave the emphasis around it whole', () => {
    // Controls become spaces (displayText): four of them at the start of a paragraph made a code block.
    for (const name of ['    Ada', '\u0000\u0000\u0000\u0000!', ' Ada Lovelace  ']) {
      const alone = render(escapeMarkdown(name));
      assert.ok(!/<(pre|code)\b/.test(alone), `${JSON.stringify(name)} → ${alone}`);
      assert.equal(visibleText(alone), displayText(name).trim());
      const bold = render(`**${escapeMarkdown(name)}**`);
      assert.match(bold, /<strong>/, `${JSON.stringify(name)} → ${bold}`);
    }
  });

  it('escapeMarkdown: one line, so a name cannot fake a tooltip line', () => {
    const md = escapeMarkdown('Ada\r\nMember since: 1815\rAdmin\u2028of everything');
    assert.ok(!/[\r\n\u2028\u2029]/.test(md));
    assert.equal(visibleText(render(md)), 'Ada Member since: 1815 Admin of everything');
  });

  it('escapeMarkdown: no theme icons, entities or direction overrides survive', () => {
    assert.equal(escapeMarkdown('$(alert)'), '\\$\\(alert\\)');
    assert.equal(visibleText(render(escapeMarkdown('&#x202E;'))), '&#x202E;');
    assert.equal(escapeMarkdown('abc\u202efdp.exe'), 'abcfdp\\.exe');
  });

  it('escapeMarkdownInline: renders as text too, while the source stays readable', () => {
    assert.equal(escapeMarkdownInline('ada@acme.test'), 'ada@acme.test');
    assert.equal(escapeMarkdownInline('2025-01-02T03:04:05.000Z'), '2025-01-02T03:04:05.000Z');
    assert.equal(escapeMarkdownInline("O'Brien-Smith, Ada"), "O'Brien-Smith, Ada");
    for (const name of HOSTILE_NAMES) {
      // In a table cell, as the export writes it.
      const html = render(`| name |\n| --- |\n| ${escapeMarkdownInline(name)} |`);
      const cell = /<td>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '';
      // An address may become a mailto link showing itself; nothing else may become markup.
      const markup = cell.replace(/<a href="mailto:([^"]*)">\1<\/a>/g, '$1');
      assert.ok(!/<(a|img|code|del|em|strong)\b/.test(markup), `${JSON.stringify(name)} → ${cell}`);
      assert.equal(visibleText(cell), displayText(name).trim(), JSON.stringify(name));
    }
  });

  it('markdownCode: a code span that holds any text, backticks included', () => {
    assert.equal(markdownCode('1200000000000001'), '`1200000000000001`');
    for (const text of ['a`b', '``', '`x', 'x`', '12`) [x](https://evil.example) (`']) {
      const html = render(markdownCode(text));
      assert.match(html, /^<p><code>[\s\S]*<\/code><\/p>\s*$/, `${JSON.stringify(text)} → ${html}`);
      assert.equal(visibleText(html).replace(/^ | $/g, ''), text);
    }
  });
});
