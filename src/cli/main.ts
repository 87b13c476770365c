// First: it tunes the heap before the rest is loaded.
import './heap.ts';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../server/config.ts';
import { createOperatorServices, openDatabase, serve } from '../server/main.ts';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { bashCompletion } from './completion.ts';
import { fail, printResult } from './output.ts';
import {
  accountsIn,
  backupSqlite,
  restoreSqlite,
  type BackupProgress,
} from '../server/db/backup.ts';
import { log, login, openApp, start, status, stop, week } from './commands/track.ts';
import { exportFile, importAccount, importFile, type Progress } from './commands/transfer.ts';

const positiveInt = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('must be a positive integer');
  return Number(value);
};

/** Runs an operator command against the configured database, closing it afterwards. */
async function withServices<T>(
  run: (services: ReturnType<typeof createOperatorServices>) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(loadConfig());
  try {
    return await run(createOperatorServices(handle));
  } finally {
    await handle.close();
  }
}

/**
 * The first line of standard input, without its line ending (as `docker login --password-stdin`
 * reads it): a password given this way never shows in `ps` or the shell's history.
 */
async function readFirstLine(input: AsyncIterable<Buffer>): Promise<string> {
  // Bytes, decoded once at the end, so a character split across two chunks stays whole.
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    chunks.push(chunk);
    if (chunk.includes(0x0a)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/** `setup`'s password: from --password, or from standard input with --password-stdin. */
async function setupPassword(options: {
  password?: string;
  passwordStdin?: boolean;
}): Promise<string> {
  if (options.password !== undefined) return options.password;
  if (!options.passwordStdin) {
    throw new Error(
      "required option '--password <password>' or '--password-stdin' not specified (see punch --help)",
    );
  }
  const password = await readFirstLine(process.stdin);
  if (password === '') throw new Error('--password-stdin: no password on standard input');
  return password;
}

// Commander's own parse errors go through fail() like every other failure: one line, exit 1.
// These settings are inherited by the subcommands defined below.
const program = new Command('punch')
  .description('Punch: self-hostable time tracking with Harvest- and Flowtly-compatible APIs')
  .exitOverride()
  .configureOutput({ outputError: () => undefined });

program
  .command('serve')
  .description('run the server (HOST, PORT, DATABASE_URL); applies migrations first')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .option('--json', 'print {"applied": [...]} ')
  .action(async (options: { json?: boolean }) => {
    const handle = await openDatabase(loadConfig());
    await handle.close();
    printResult(
      Boolean(options.json),
      { applied: handle.applied },
      handle.applied.length === 0
        ? 'Database is up to date.'
        : `Applied: ${handle.applied.join(', ')}`,
    );
  });

program
  .command('setup')
  .description('create an account, its first administrator and a personal access token')
  .requiredOption('--account <name>', 'account (company) name')
  .requiredOption('--email <email>', 'administrator email (login)')
  .option(
    '--password <password>',
    'administrator password (8 characters or more; --password-stdin keeps it out of ps)',
  )
  .addOption(
    new Option(
      '--password-stdin',
      'read the password from standard input (its first line) instead',
    ).conflicts('password'),
  )
  .option('--first-name <name>', 'administrator first name (default: from the email)')
  .option('--last-name <name>', 'administrator last name')
  .option('--timezone <zone>', 'account time zone, IANA or Harvest name (default: UTC)')
  .option('--json', 'print {"account_id", "user_id", "token"} only')
  .action(
    async (options: {
      account: string;
      email: string;
      password?: string;
      passwordStdin?: boolean;
      firstName?: string;
      lastName?: string;
      timezone?: string;
      json?: boolean;
    }) => {
      const password = await setupPassword(options);
      const result = await withServices((s) => s.setupAccount({ ...options, password }));
      printResult(
        Boolean(options.json),
        result,
        [
          `Account ${result.account_id} created with administrator ${options.email} (user ${result.user_id}).`,
          `API token (shown once): ${result.token}`,
          `Use it with: -H "Authorization: Bearer <token>" -H "Harvest-Account-Id: ${result.account_id}"`,
        ].join('\n'),
      );
    },
  );

const token = program.command('token').description('personal access tokens');
token
  .command('create')
  .description('issue a personal access token for an existing person')
  .requiredOption('--email <email>', "the person's email")
  .option('--account <id>', 'account id, when the person belongs to several', positiveInt)
  .option('--name <label>', 'a label to recognise the token by', 'cli')
  .option('--json', 'print {"token", "user_id", "account_id"} only')
  .action(async (options: { email: string; account?: number; name: string; json?: boolean }) => {
    const result = await withServices((s) =>
      s.createToken({ email: options.email, accountId: options.account, name: options.name }),
    );
    printResult(
      Boolean(options.json),
      { token: result.token, user_id: result.user_id, account_id: result.account_id },
      `Token for user ${result.user_id} in account ${result.account_id} (shown once): ${result.token}`,
    );
  });

token
  .command('list')
  .description("list a person's tokens (never the secrets)")
  .requiredOption('--email <email>', "the person's email")
  .option('--account <id>', 'account id, when the person belongs to several', positiveInt)
  .option('--json', 'print {"user_id", "account_id", "tokens": [...]} only')
  .action(async (options: { email: string; account?: number; json?: boolean }) => {
    const result = await withServices((s) =>
      s.listTokens({ email: options.email, accountId: options.account }),
    );
    const rows = result.tokens.map(
      (t) =>
        `${t.id}\t${t.name}\t…${t.hint}\tcreated ${t.created_at}\t` +
        (t.revoked_at ? `revoked ${t.revoked_at}` : `last used ${t.last_used_at ?? 'never'}`),
    );
    printResult(Boolean(options.json), result, rows.length ? rows.join('\n') : 'No tokens.');
  });

token
  .command('revoke')
  .description('revoke a token at once; requests that use it get 401 from then on')
  .requiredOption('--email <email>', "the token owner's email")
  .requiredOption('--id <id>', 'token id (see punch token list)', positiveInt)
  .option('--account <id>', 'account id, when the person belongs to several', positiveInt)
  .option('--json', 'print {"revoked": id} only')
  .action(async (options: { email: string; id: number; account?: number; json?: boolean }) => {
    await withServices((s) =>
      s.revokeToken({ email: options.email, accountId: options.account, tokenId: options.id }),
    );
    printResult(Boolean(options.json), { revoked: options.id }, `Token ${options.id} revoked.`);
  });

// ---- for operators: backups ------------------------------------------------------------------

/** A progress bar on a terminal; nothing when output is read by a program (--json, a pipe). */
function terminalProgress(json: boolean): Progress {
  if (json || !process.stderr.isTTY)
    return { start: () => undefined, update: () => undefined, stop: () => undefined };
  let bar: SingleBar | null = null;
  return {
    start(total, unit) {
      bar = new SingleBar(
        {
          // Without a known total (a download), the bar shows what has arrived.
          format: total > 0 ? `{bar} {percentage}% · {value}/{total} ${unit}` : `{value} ${unit}`,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0);
    },
    update: (done) => bar?.update(done),
    stop: () => bar?.stop(),
  };
}

/** SQLite's backup progress (pages left) as the bar's pages done. */
function progressBar(json: boolean) {
  const progress = terminalProgress(json);
  let started = false;
  return {
    update: (p: BackupProgress) => {
      if (!started) progress.start(p.totalPages, 'pages');
      started = true;
      progress.update(p.totalPages - p.remainingPages);
    },
    stop: () => {
      if (started) progress.stop();
    },
  };
}

function sqliteFile(): string {
  const database = loadConfig().database;
  if (database.dialect !== 'sqlite' || database.filename === ':memory:')
    throw new Error(
      'on PostgreSQL, back up with pg_dump --format=custom and restore with pg_restore (see the README, "Backups")',
    );
  return database.filename;
}

program
  .command('backup')
  .description("copy the SQLite database to a file while Punch runs (SQLite's online backup)")
  .argument('<file>', 'where to write the backup')
  .option('--json', 'print {"file", "pages"} only')
  .action(async (file: string, options: { json?: boolean }) => {
    const bar = progressBar(Boolean(options.json));
    const result = await backupSqlite(sqliteFile(), resolve(file), bar.update).finally(bar.stop);
    printResult(
      Boolean(options.json),
      { file: resolve(file), pages: result.pages },
      `Backed up to ${resolve(file)} (${result.pages} pages).`,
    );
  });

program
  .command('restore')
  .description('replace the SQLite database with a backup, online (then restart the servers)')
  .argument('<file>', 'a backup made by punch backup')
  .option('--force', 'replace a database that holds accounts')
  .option('--json', 'print {"file", "pages"} only')
  .action(async (file: string, options: { force?: boolean; json?: boolean }) => {
    const target = sqliteFile();
    const accounts = accountsIn(target);
    if (accounts > 0 && !options.force)
      throw new Error(
        `${target} holds ${accounts} account(s): add --force to replace it with the backup`,
      );
    const bar = progressBar(Boolean(options.json));
    const result = await restoreSqlite(resolve(file), target, bar.update).finally(bar.stop);
    printResult(
      Boolean(options.json),
      { file: resolve(file), pages: result.pages },
      `Restored ${target} from ${resolve(file)} (${result.pages} pages). Restart running servers.`,
    );
  });

program
  .command('completion')
  .description(
    'print a shell completion script for bash or zsh: add `source <(punch completion)` to ~/.bashrc or ~/.zshrc',
  )
  .action(() => {
    process.stdout.write(bashCompletion(program));
  });

program
  .command('import')
  .description(
    'import a Harvest, Toggl Track, Clockify or Kimai export (CSV or XLSX) into the logged-in account (administrators); running it again creates nothing twice',
  )
  .argument('<file>', 'the export')
  .option('--dry-run', 'report what would be created and refused, and write nothing')
  .addOption(
    new Option(
      '--format <tracker>',
      'whose export it is (told from its columns otherwise)',
    ).choices(['harvest', 'toggl', 'clockify', 'kimai']),
  )
  .option(
    '--columns <mapping.json>',
    'read any spreadsheet through a column mapping: a JSON file like {"date":"Day","person":"Who","client":"Customer","project":"Job","duration":"Hours"}',
  )
  .option('--json', 'print the import report only')
  .action(
    async (
      file: string,
      options: { dryRun?: boolean; format?: string; columns?: string; json?: boolean },
    ) => {
      const result = await importFile(
        file,
        {
          dryRun: Boolean(options.dryRun),
          ...(options.format ? { format: options.format } : {}),
          ...(options.columns ? { columns: await readFile(options.columns, 'utf8') } : {}),
        },
        terminalProgress(Boolean(options.json)),
      );
      printResult(Boolean(options.json), result.json, result.human);
    },
  );

program
  .command('import-account')
  .description(
    'copy a whole Harvest-compatible account (Harvest, or another Punch) into the logged-in account through its API: people, clients, projects, tasks, assignments, rates and time (administrators); run it again to resume or to pick up new time',
  )
  .argument('<url>', "the source's API address, e.g. https://api.harvestapp.com")
  .requiredOption('--account-id <id>', 'the source account id (Harvest-Account-Id)')
  .option('--token-stdin', "read the source's personal access token from standard input")
  .option('--dry-run', 'report what would be created and refused, and write nothing')
  .option('--json', 'print the import report only')
  .action(
    async (
      url: string,
      options: { accountId: string; tokenStdin?: boolean; dryRun?: boolean; json?: boolean },
    ) => {
      // Never on the command line, where ps and the shell's history would keep it.
      if (!options.tokenStdin)
        throw new Error(
          "give the source's token on standard input: punch import-account URL --account-id ID --token-stdin",
        );
      const token = (await readFirstLine(process.stdin)).trim();
      if (!token) throw new Error('no token on standard input');
      const result = await importAccount(
        { url, accountId: options.accountId, token, dryRun: Boolean(options.dryRun) },
        terminalProgress(Boolean(options.json)),
      );
      printResult(Boolean(options.json), result.json, result.human);
    },
  );

program
  .command('export')
  .description("download a report's entries or totals as CSV, XLSX or PDF (streamed)")
  .argument('<file>', 'where to write it')
  .requiredOption('--from <day>', 'first day (YYYY-MM-DD)')
  .requiredOption('--to <day>', 'last day (YYYY-MM-DD)')
  .addOption(
    new Option('--format <format>', 'file format').choices(['csv', 'xlsx', 'pdf']).default('csv'),
  )
  .option('--totals', 'the grouped totals by project instead of the entries')
  .option('--json', 'print {"file", "bytes"} only')
  .action(
    async (
      file: string,
      options: {
        from: string;
        to: string;
        format: 'csv' | 'xlsx' | 'pdf';
        totals?: boolean;
        json?: boolean;
      },
    ) => {
      const result = await exportFile(
        resolve(file),
        {
          from: options.from,
          to: options.to,
          format: options.format,
          content: options.totals ? 'totals' : 'entries',
        },
        terminalProgress(Boolean(options.json)),
      );
      printResult(Boolean(options.json), result.json, result.human);
    },
  );

// ---- for people: track time over the native API ---------------------------------------------

/**
 * A people's command: its result as one JSON object with --json, else a line for a person.
 * Commander calls an action with the arguments, then the options, then the command itself.
 */
const run =
  (work: (...args: never[]) => Promise<{ json: object; human: string }>) =>
  async (...args: unknown[]) => {
    const options = args.at(-2) as { json?: boolean };
    const result = await work(...(args.slice(0, -2) as never[]));
    printResult(Boolean(options.json), result.json, result.human);
  };

program
  .command('login')
  .description(
    'log in to a Punch server: give its address, then a personal access token made in the web app (Profile → tokens)',
  )
  .option('--server <url>', "the server's address", 'http://127.0.0.1:8080')
  .option('--token <token>', 'the token (visible in ps and history: prefer --token-stdin)')
  .option('--token-stdin', 'read the token from standard input')
  .option('--json', 'print {"server", "accountId", "account", "person"} only')
  .action(
    async (options: { server: string; token?: string; tokenStdin?: boolean; json?: boolean }) => {
      const token = options.tokenStdin ? await readFirstLine(process.stdin) : options.token;
      if (!token)
        throw new Error(
          `make a token at ${options.server.replace(/\/+$/, '')}/profile, then run punch login --token-stdin and paste it`,
        );
      const result = await login(options.server, token.trim());
      printResult(Boolean(options.json), result.json, result.human);
    },
  );

program
  .command('start')
  .description('start a timer: a few letters of the project, then of the task, then notes')
  .argument('<project>', 'project name or code, fuzzy')
  .argument('[task]', 'task name, fuzzy (optional when the project has one task)')
  .argument('[notes...]', 'notes for the entry')
  .option('--json', 'print {"timeEntry"} only')
  .action(
    run((project: string, task: string | undefined, notes: string[]) =>
      start(project, task, notes),
    ),
  );

program
  .command('stop')
  .description('stop the running timer')
  .option('--json', 'print {"timeEntry"} only')
  .action(run(() => stop()));

program
  .command('status')
  .description('the running timer, if any')
  .option('--json', 'print {"timeEntry"} (null when none runs) only')
  .action(run(() => status()));

program
  .command('log')
  .description('log time: punch log 1:30 <project> <task> [notes] (also 1.5, 90m, 1h30)')
  .argument('<duration>', 'how long: 1:30, 1.5, 90m or 1h30')
  .argument('<project>', 'project name or code, fuzzy')
  .argument('[task]', 'task name, fuzzy')
  .argument('[notes...]', 'notes for the entry')
  .option('--date <day>', 'the day (YYYY-MM-DD); today by default')
  .option('--json', 'print {"timeEntry"} only')
  .action(
    async (
      duration: string,
      project: string,
      task: string | undefined,
      notes: string[],
      options: { date?: string; json?: boolean },
    ) => {
      const result = await log(duration, project, task, notes, options.date);
      printResult(Boolean(options.json), result.json, result.human);
    },
  );

program
  .command('week')
  .description('the week as a table: rows by project and task, days, and totals')
  .option('--date <day>', 'any day of the week; this week by default')
  .option('--json', 'print the timesheet as the native API gives it')
  .action(async (options: { date?: string; json?: boolean }) => {
    const result = await week(options.date);
    printResult(Boolean(options.json), result.json, result.human);
  });

program
  .command('open')
  .description('open the web app in a browser')
  .option('--json', 'print {"url"} only')
  .action(run(() => openApp()));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    if (error.exitCode === 0) process.exit(0);
    fail(new Error(`${error.message.replace(/^error: /, '')} (see punch --help)`));
  }
  fail(error);
}
