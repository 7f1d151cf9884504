// A new user-facing string written straight into a message, a picker, a tree row or an error fails
// here, so it cannot ship untranslated. What it checks, by the shape of the code: the arguments of
// show{Information,Warning,Error}Message and setStatusBarMessage; the label of `new TreeItem(…)`;
// the title/placeHolder/placeholder/prompt/label/description/detail/tooltip/message properties of
// object literals (pickers, input boxes, quick-pick items, command links, tree messages); the message
// of `new …Error(…)` unless it starts in lower case (Node's style for a programmer's error, never
// shown as a sentence). A literal counts when it holds a word (two letters in a row) outside ${…} and
// $(icon). What it cannot see: a string that reaches the UI through a variable, a parameter or a
// return value (validateInput's answer, a helper's result), concatenation with `+`, and the
// Output channel's lines, which stay English on purpose. A line after a comment holding
// `l10n-ignore` is exempt (an invariant's message, meant for a bug report).
import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import { isL10nCall, sourceFiles, visit, where, type SourceFile } from './sourceStrings';

const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
const UI_PROPERTIES = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'label', 'description', 'detail', 'tooltip', 'message']);
/** Names, not prose: the same in every language. */
const NOT_PROSE = new Set(['CSV', 'Markdown', 'ada@example.com, grace@example.com']);
/** Errors nobody sees in a message: a broken invariant, or text that goes to the log. */
const INTERNAL_ERRORS = new Set(['SnapshotRefused']);

const hasWords = (text: string) => /[A-Za-z]{2}/.test(text.replace(/\$\([\w~-]+\)/g, '')) && !NOT_PROSE.has(text);

/** The literal text an expression shows, through ?:, ?? and ||; undefined when none is written there. */
function shownLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(node)) return shownLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...shownLiterals(node.left), ...shownLiterals(node.right)];
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? [node] : [];
  if (ts.isTemplateExpression(node)) {
    const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    return hasWords(text) ? [node] : [];
  }
  return [];
}

function ignored(s: SourceFile, node: ts.Node): boolean {
  const line = s.ast.getLineAndCharacterOfPosition(node.getStart()).line;
  return line > 0 && s.ast.text.split('\n')[line - 1]!.includes('l10n-ignore');
}

function untranslated(s: SourceFile): string[] {
  const found: string[] = [];
  const flag = (nodes: ts.Node[]) => found.push(...nodes.map((n) => `${where(s, n)} ${n.getText().slice(0, 70)}`));
  visit(s.ast, (node) => {
    // Inside l10n.t everything is for translators; a line after an `l10n-ignore` comment is exempt.
    if (isL10nCall(node) || ignored(s, node)) return false;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (MESSAGE_CALLS.has(name)) node.arguments.forEach((a) => flag(shownLiterals(a)));
    } else if (ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const [first] = node.arguments ?? [];
      if (first && name === 'TreeItem') flag(shownLiterals(first));
      // Lower case first: a programmer's error in Node's style ("the transport is closed"), never shown as a sentence.
      if (first && name.endsWith('Error') && !INTERNAL_ERRORS.has(name)) flag(shownLiterals(first).filter((n) => !/^['`][a-z]/.test(n.getText())));
    } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && UI_PROPERTIES.has(node.name.text)) {
      flag(shownLiterals(node.initializer));
    }
  });
  return found;
}

describe('user-facing strings', () => {
  it('none is written in English outside l10n.t', () => {
    assert.deepEqual(sourceFiles().flatMap(untranslated), []);
  });

  it('the scan sees each shape it checks (a planted string of each is found)', () => {
    const planted = ts.createSourceFile(
      'planted.ts',
      [
        "void vscode.window.showWarningMessage('Nothing was changed.', 'Retry');",
        "const item = new vscode.TreeItem(`Members of ${name}`);",
        "void ui.showQuickPick(items, { title: 'Pick One', placeHolder: ok ? undefined : 'Type a name' });",
        "throw new NotFoundError('Gone for good.');",
        "const fine = { label: l10n.t({ message: 'Translated', comment: 'a label' }), description: '$(check)', title: `${name}`, detail: 'CSV' };",
        '// l10n-ignore: an invariant',
        "throw new Error('Unreachable.');",
        "throw new Error('the transport is closed');",
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
    );
    const lines = untranslated({ file: 'planted.ts', ast: planted }).map((f) => f.split(' ')[0]);
    assert.deepEqual(lines, ['planted.ts:1', 'planted.ts:1', 'planted.ts:2', 'planted.ts:3', 'planted.ts:3', 'planted.ts:4']);
  });
});
