import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Database } from '../../db/database-types.ts';
import { FixedClock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { createAuthService } from '../auth/auth.service.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { createSetupService, type SetupService } from './setup.service.ts';
import { worded } from '../../../../test/worded.ts';

const unique = () => Math.random().toString(36).slice(2, 10);

for (const dialect of DIALECTS) {
  describe(`${dialect}: setup service`, () => {
    let handle: DatabaseHandle;
    let db: Kysely<Database>;
    let setup: SetupService;
    const clock = new FixedClock('2026-03-04T09:30:00Z');

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      db = handle.db;
      setup = createSetupService({ db, clock, auth: createAuthService({ db, clock }) });
    });
    afterAll(() => handle.close());

    it('creates the account, an administrator with a hashed password and a working token', async () => {
      const email = `Owner.${unique()}@Example.com`;
      const result = await setup.setupAccount({
        account: ' Acme ',
        email,
        password: 'correct horse',
        timezone: 'Eastern Time (US & Canada)',
      });
      const account = await db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', result.account_id)
        .executeTakeFirstOrThrow();
      expect(account).toMatchObject({ name: 'Acme', timezone: 'America/New_York' });
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', result.user_id)
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({
        account_id: result.account_id,
        email: email.toLowerCase(),
        access_level: 'administrator',
        first_name: 'Owner',
        timezone: 'America/New_York',
        is_active: 1,
      });
      const identity = await db
        .selectFrom('identities')
        .selectAll()
        .where('id', '=', user.identity_id!)
        .executeTakeFirstOrThrow();
      expect(identity.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(identity.password_hash!, 'correct horse')).toBe(true);
      const actor = await createAuthService({ db, clock }).authenticateToken(
        result.token,
        String(result.account_id),
      );
      expect(actor).toMatchObject({ userId: result.user_id, accessLevel: 'administrator' });
    });

    it('rejects bad input with every message and stores nothing', async () => {
      const before = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const error = await setup
        .setupAccount({ account: '', email: 'x', password: 'short', timezone: 'Nowhere/Land' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(worded((error as DomainError).refusals)).toEqual([
        "Account name can't be blank",
        'Email is invalid',
        'Password is too short (minimum is 8 characters)',
        'Timezone is not a known time zone',
      ]);
      const after = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('leaves no account, person or login behind when a later step fails', async () => {
      const email = `rollback-${unique()}@example.com`;
      const realAuth = createAuthService({ db, clock });
      const failing = createSetupService({
        db,
        clock,
        auth: { ...realAuth, createToken: () => Promise.reject(new Error('disk full')) },
      });
      await expect(
        failing.setupAccount({ account: 'Doomed', email, password: 'password one' }),
      ).rejects.toThrow('disk full');
      expect(
        await db.selectFrom('identities').select('id').where('email', '=', email).execute(),
      ).toEqual([]);
      expect(
        await db.selectFrom('users').select('id').where('email', '=', email).execute(),
      ).toEqual([]);
      expect(
        await db.selectFrom('accounts').select('id').where('name', '=', 'Doomed').execute(),
      ).toEqual([]);
    });

    it('never claims a login that has no password', async () => {
      // No such login is made any more (ADR 0011); one left from older data is nobody's to take.
      const email = `invited-${unique()}@example.com`;
      await db
        .insertInto('identities')
        .values({ email, password_hash: null, created_at: 0, updated_at: 0 })
        .execute();
      await expect(
        setup.setupAccount({ account: 'Invited', email, password: 'fresh password' }),
      ).rejects.toMatchObject({ code: 'identity_exists' });
    });

    it('adds a second account to an existing login only with its password', async () => {
      const email = `multi-${unique()}@example.com`;
      const first = await setup.setupAccount({ account: 'One', email, password: 'password one' });
      await expect(
        setup.setupAccount({ account: 'Two', email, password: 'wrong password' }),
      ).rejects.toMatchObject({
        code: 'identity_exists',
      });
      const second = await setup.setupAccount({ account: 'Two', email, password: 'password one' });
      expect(second.account_id).not.toBe(first.account_id);
      const identities = await db
        .selectFrom('identities')
        .select('id')
        .where('email', '=', email)
        .execute();
      expect(identities).toHaveLength(1);

      await expect(setup.createToken({ email })).rejects.toMatchObject({
        code: 'account_required',
      });
      const issued = await setup.createToken({
        email,
        accountId: second.account_id,
        name: 'laptop',
      });
      expect(issued).toMatchObject({ user_id: second.user_id, account_id: second.account_id });
    });

    it('issues, lists and revokes tokens', async () => {
      const email = `tokens-${unique()}@example.com`;
      const owner = await setup.setupAccount({
        account: 'Tokens',
        email,
        password: 'password one',
      });
      const issued = await setup.createToken({ email: email.toUpperCase(), name: 'ci' });
      const listed = await setup.listTokens({ email });
      expect(listed.tokens.map((t) => t.name)).toEqual(['setup', 'ci']);
      expect(listed.tokens[1]).toMatchObject({
        hint: issued.token.slice(-4),
        revoked_at: null,
        last_used_at: null,
      });
      expect(JSON.stringify(listed)).not.toContain(issued.token);

      const ci = listed.tokens[1]!;
      await setup.revokeToken({ email, tokenId: ci.id });
      await expect(setup.revokeToken({ email, tokenId: ci.id })).rejects.toMatchObject({
        code: 'token_not_found',
      });
      const auth = createAuthService({ db, clock });
      await expect(
        auth.authenticateToken(issued.token, String(owner.account_id)),
      ).rejects.toMatchObject({
        reason: 'revoked_token',
      });
      await expect(
        auth.authenticateToken(owner.token, String(owner.account_id)),
      ).resolves.toBeTruthy();
    });

    it('does not issue tokens to unknown or archived people', async () => {
      await expect(setup.createToken({ email: 'nobody@example.com' })).rejects.toMatchObject({
        code: 'user_not_found',
      });
      const email = `archived-${unique()}@example.com`;
      const owner = await setup.setupAccount({ account: 'Gone', email, password: 'password one' });
      await db.updateTable('users').set({ is_active: 0 }).where('id', '=', owner.user_id).execute();
      await expect(setup.createToken({ email })).rejects.toMatchObject({ code: 'user_not_found' });
    });
  });
}
