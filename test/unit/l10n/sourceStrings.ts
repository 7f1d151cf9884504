/** Reads src/ with the TypeScript parser, for the localization tests: what each file asks l10n.t for. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The repository, from out/test/unit/l10n. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export interface SourceFile {
  readonly file: string;
  readonly ast: ts.SourceFile;
}

export function sourceFiles(): SourceFile[] {
  const root = path.join(repoRoot, 'src');
  return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => {
      const file = path.join('src', f);
      return { file, ast: ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true) };
    });
}

/** Every node under `node`; `fn` returning false skips the node's children. */
export function visit(node: ts.Node, fn: (node: ts.Node) => boolean | void): void {
  if (fn(node) === false) return;
  node.forEachChild((child) => visit(child, fn));
}

export const where = (s: SourceFile, node: ts.Node) => `${s.file}:${s.ast.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

/** `l10n.t(…)` or `vscode.l10n.t(…)`. */
export function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const target = callee.expression;
  return (ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n');
}

const literalText = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/**
 * The bundle key of an l10n.t call, as @vscode/l10n-dev writes it ("message", or "message/comment"
 * for the comment form); undefined when the message is not written out, so no tool can extract it.
 */
export function bundleKey(call: ts.CallExpression): string | undefined {
  const [first] = call.arguments;
  const literal = literalText(first);
  if (literal !== undefined) return literal;
  if (!first || !ts.isObjectLiteralExpression(first)) return undefined;
  const prop = (name: string) =>
    first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name)?.initializer;
  const message = literalText(prop('message'));
  if (message === undefined) return undefined;
  const comment = prop('comment');
  const comments = comment && ts.isArrayLiteralExpression(comment) ? comment.elements.map(literalText) : [literalText(comment)];
  if (comments.some((c) => c === undefined)) return undefined;
  return comments.length ? `${message}/${comments.join('')}` : message;
}
