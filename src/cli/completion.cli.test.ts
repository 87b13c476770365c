import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPunch } from '../../test/run-punch.ts';

/** The script `punch completion` prints, loaded into a real bash and asked as bash would ask. */
describe('punch completion', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'punch-completion-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes commands, subcommands and options from the program itself', async () => {
    const printed = await runPunch(['completion'], {});
    expect(printed.code, printed.stderr).toBe(0);
    const script = join(dir, 'punch.bash');
    writeFileSync(script, printed.stdout);
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "$0"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _punch_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
          script,
        ],
        { encoding: 'utf8' },
      )
        .trim()
        .split('\n');
    expect(complete('punch', 'imp')).toEqual(['import', 'import-account']);
    expect(complete('punch', 'token', '')).toEqual(['create', 'list', 'revoke']);
    expect(complete('punch', 'token', 'create', '--e')).toEqual(['--email']);
    expect(complete('punch', 'import-account', 'x', '--')).toEqual([
      '--account-id',
      '--token-stdin',
      '--dry-run',
      '--json',
      '--help',
    ]);
    expect(complete('punch', 'st')).toEqual(['start', 'stop', 'status']);
  });
});
