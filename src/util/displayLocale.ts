/**
 * VS Code's display language, for numbers and dates: the extension host is told it in
 * VSCODE_NLS_CONFIG. Read from there rather than from `vscode.env.language` so that the pure
 * modules that format (exports, reports) stay free of VS Code; elsewhere (plain Node) the
 * runtime's own default applies. A tag Intl cannot format (the pseudo-locale) falls back too.
 */
let cached: { readonly locale: string | undefined } | undefined;

export function displayLocale(): string | undefined {
  cached ??= { locale: fromNlsConfig(process.env['VSCODE_NLS_CONFIG']) };
  return cached.locale;
}

export function fromNlsConfig(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const locale = (JSON.parse(raw) as { locale?: unknown }).locale;
    return typeof locale === 'string' && Intl.NumberFormat.supportedLocalesOf(locale).length > 0 ? locale : undefined;
  } catch {
    return undefined;
  }
}

/** 10,002 in English, 10.002 in German, 10 002 in French. */
export function formatNumber(n: number): string {
  return n.toLocaleString(displayLocale());
}
