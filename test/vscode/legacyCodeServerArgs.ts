// Preloaded (`node -r`) into a code-server older than `--vscode-option` (4.96.x, say), so that the
// harness's command line works there too: each `--vscode-option NAME[=VALUE]` becomes `--NAME[=VALUE]`
// and NAME is declared to code-server's parser (which refuses options it does not know), and options
// it lacks, such as `--reconnection-grace-time`, are declared; code-server hands every parsed
// option to VS Code's server, which knows them. The newest code-server needs none of this.
import * as path from 'node:path';

interface CodeServerCli {
  options: Record<string, { type: string }>;
}

const entry = process.argv[1];
if (entry) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- code-server's own module, found at run time
  const cli = require(path.join(path.dirname(entry), 'cli.js')) as CodeServerCli;
  if (!cli.options['vscode-option']) {
    cli.options['reconnection-grace-time'] ??= { type: 'string' };
    const argv: string[] = [];
    for (let i = 0; i < process.argv.length; i++) {
      const arg = process.argv[i]!;
      const value = process.argv[i + 1];
      if (arg === '--vscode-option' && value !== undefined) {
        const name = value.split('=')[0]!;
        cli.options[name] ??= { type: value.includes('=') ? 'string' : 'boolean' };
        argv.push(`--${value}`);
        i++;
      } else {
        argv.push(arg);
      }
    }
    process.argv.splice(0, process.argv.length, ...argv);
  }
}
