import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { insertAccount } from '../modules/accounts/accounts.repository.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

/** A person row as the foundation migration has it. */
const user = (accountId: number, accessLevel = 'member') => ({
  account_id: accountId,
  identity_id: null,
  first_name: 'a',
  last_name: 'b',
  email: `e${Math.random()}`,
  telephone: '',
  timezone: 'UTC',
  has_access_to_all_future_projects: 0 as const,
  is_contractor: 0 as const,
  is_active: 1 as const,
  weekly_capacity: 0,
  access_level: accessLevel,
  manager_permissions: '',
  avatar_url: null,
  created_at: 2 ** 41,
  updated_at: 2 ** 41 + 1,
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: migrations`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    it('are idempotent: a second run applies nothing', async () => {
      expect(await migrateToLatest(handle.db, handle.dialect)).toEqual([]);
    });

    // Another schema holding Kysely's tables (here: this file's own, while a second database
    // migrates beside it) once made migrating fail with "kysely_migration_lock does not exist".
    it.skipIf(dialect !== 'postgres' || !process.env.TEST_DATABASE_URL)(
      'ignore the migration tables of other schemas in the same database',
      async () => {
        const beside = await createTestDatabase(dialect);
        try {
          expect(await migrateToLatest(beside.db, beside.dialect)).toEqual([]);
          const tables = await beside.db.introspection.getTables();
          expect(tables.map((t) => t.name)).toContain('time_entries');
        } finally {
          await beside.close();
        }
      },
    );

    it('start the webhook cursor at the newest event of a database upgraded with history', async () => {
      const before = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name < '2026-12-09T00-00-00_webhooks'),
      );
      const old = await createTestDatabase(dialect, { migrations: before });
      try {
        const account = await insertAccount(old.db, { name: 'x', timezone: 'UTC', created_at: 0 });
        const event = {
          account_id: account.id,
          type: 'client.created',
          entity_type: 'client',
          entity_id: 1,
          user_id: null,
          project_id: null,
          actor_user_id: null,
          actor_credential: 'system',
          occurred_at: 0,
          before_json: null,
          after_json: '{}',
        };
        await old.db.insertInto('events').values([event, event]).execute();
        const newest = await old.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow();
        await migrateToLatest(old.db, old.dialect);
        const cursor = await old.db
          .selectFrom('webhook_cursor')
          .select('last_event_id')
          .executeTakeFirstOrThrow();
        expect(cursor.last_event_id).toBe(newest.id);
      } finally {
        await old.close();
      }
    });

    it('roll a failing migration back whole and report which one failed', async () => {
      const broken = {
        up: async (db: Kysely<unknown>) => {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await sql`insert into no_such_table values (1)`.execute(db);
        },
      };
      await expect(
        migrateToLatest(handle.db, handle.dialect, {
          ...migrations,
          '9999-01-01T00-00-00_broken': broken,
        }),
      ).rejects.toThrow(/migration 9999-01-01T00-00-00_broken failed/);
      const tables = await handle.db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('half_done');
      expect(tables.map((t) => t.name)).toContain('accounts');
    });

    it('never hand out an id twice, even after the newest row is deleted', async () => {
      const insert = () => insertAccount(handle.db, { name: 'x', timezone: 'UTC', created_at: 0 });
      const first = await insert();
      await handle.db.deleteFrom('accounts').where('id', '=', first.id).execute();
      const second = await insert();
      expect(typeof second.id).toBe('number');
      expect(second.id).toBeGreaterThan(first.id);
    });

    it('enforce foreign keys', async () => {
      await expect(handle.db.insertInto('users').values(user(999_999)).execute()).rejects.toThrow();
    });

    it('enforce the access level check', async () => {
      const account = await sql<{
        id: number;
      }>`insert into accounts (name, created_at, updated_at) values ('a', 0, 0) returning id`.execute(
        handle.db,
      );
      const accountId = account.rows[0]!.id;
      await expect(
        handle.db.insertInto('users').values(user(accountId, 'root')).execute(),
      ).rejects.toThrow();
      await expect(
        handle.db.insertInto('users').values(user(accountId)).execute(),
      ).resolves.toBeTruthy();
    });

    it('read 64-bit integers back as exact numbers', async () => {
      const account = await sql<{
        id: number;
      }>`insert into accounts (name, created_at, updated_at) values ('b', 0, 0) returning id`.execute(
        handle.db,
      );
      const inserted = await handle.db
        .insertInto('users')
        .values(user(account.rows[0]!.id))
        .returningAll()
        .executeTakeFirstOrThrow();
      const row = await handle.db
        .selectFrom('users')
        .select(['id', 'account_id', 'created_at', 'updated_at'])
        .where('id', '=', inserted.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        id: inserted.id,
        account_id: account.rows[0]!.id,
        created_at: 2 ** 41,
        updated_at: 2 ** 41 + 1,
      });
      expect(typeof row.id).toBe('number');
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the invitations migration (ADR 0011)`, () => {
    it('carries open invitations over and frees people from logins nobody can sign in with', async () => {
      const before = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name < '2026-12-04T00-00-00_invitations'),
      );
      const handle = await createTestDatabase(dialect, { migrations: before });
      try {
        const db = handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
        const account = await sql<{ id: number }>`
          insert into accounts (name, created_at, updated_at) values ('m', 0, 0) returning id
        `.execute(handle.db);
        const accountId = account.rows[0]!.id;
        const identity = async (email: string, hash: string | null) =>
          (
            await sql<{ id: number }>`
              insert into identities (email, password_hash, created_at, updated_at)
              values (${email}, ${hash}, 0, 0) returning id
            `.execute(handle.db)
          ).rows[0]!.id;
        const placeholder = await identity('pending@example.com', null);
        const real = await identity('real@example.com', 'hash');
        const person = async (identityId: number, email: string) =>
          (
            await db
              .insertInto('users')
              .values({ ...user(accountId), identity_id: identityId, email })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id as number;
        const invited = await person(placeholder, 'pending@example.com');
        const signedUp = await person(real, 'real@example.com');
        await db
          .insertInto('login_invitations')
          .values({
            user_id: invited,
            identity_id: placeholder,
            token_hash: 'h1',
            created_at: 0,
            expires_at: 10,
          })
          .execute();

        await migrateToLatest(handle.db, handle.dialect);

        const people = await handle.db
          .selectFrom('users')
          .select(['id', 'identity_id'])
          .where('id', 'in', [invited, signedUp])
          .orderBy('id')
          .execute();
        expect(people).toEqual([
          { id: invited, identity_id: null },
          { id: signedUp, identity_id: real },
        ]);
        const logins = await handle.db.selectFrom('identities').select('email').execute();
        expect(logins.map((l) => l.email)).toEqual(['real@example.com']);
        const open = await handle.db
          .selectFrom('invitations')
          .select(['user_id', 'token_hash', 'expires_at'])
          .execute();
        expect(open).toEqual([{ user_id: invited, token_hash: 'h1', expires_at: 10 }]);
      } finally {
        await handle.close();
      }
    });
  });
}
