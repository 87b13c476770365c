import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import {
  createHarvestCaller,
  createOwnerWithLogin,
  createToken,
  createUser,
} from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';

interface Message {
  id: string;
  event: string;
  data: { type: string; entityId: number; after: Record<string, unknown> | null };
}

/** Reads a Server-Sent Events stream until `count` messages arrived (or the time is up). */
async function readMessages(response: Response, count: number, timeoutMs = 5000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: Message[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
    ]);
    if (chunk === null || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':') && line.includes(': '))
          .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
      );
      if (fields.data) {
        messages.push({
          id: fields.id ?? '',
          event: fields.event ?? '',
          data: JSON.parse(fields.data) as Message['data'],
        });
      }
    }
  }
  await reader.cancel();
  return messages;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: GET /punch/v1/events (live updates)`, () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => t.close());
    const { send } = harvestRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Live',
          bill_by: 'none',
        })
      ).json();
      const task = (await send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      await send('POST', h, `/v2/projects/${project.id}/task_assignments`, { task_id: task.id });
      const member = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Mia' });
      for (const id of [admin.user.id, member.id]) {
        await send('POST', h, `/v2/projects/${project.id}/user_assignments`, { user_id: id });
      }
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      const entry = (hours: number) => ({
        project_id: project.id,
        task_id: task.id,
        spent_date: '2026-03-04',
        hours,
      });
      return { admin, h, member, memberToken, entry };
    }

    const stream = (token: string, headers: Record<string, string> = {}, query = '') =>
      fetch(`${base}/punch/v1/events${query}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
      });

    it('sends each change as it is committed, to a second device of the same person', async () => {
      const w = await world();
      const res = await stream(w.admin.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reading = readMessages(res, 3);
      // Another "device": the same person's token through the Harvest door.
      const made = (await send('POST', w.h, '/v2/time_entries', w.entry(1))).json();
      await send('PATCH', w.h, `/v2/time_entries/${made.id}`, { notes: 'Live' });
      await send('DELETE', w.h, `/v2/time_entries/${made.id}`);
      const messages = await reading;
      expect(messages.map((m) => [m.event, m.data.entityId])).toEqual([
        ['time_entry.created', made.id],
        ['time_entry.updated', made.id],
        ['time_entry.deleted', made.id],
      ]);
      expect(messages[1]?.data.after).toMatchObject({ notes: 'Live', seconds: 3600 });
    });

    it('resumes after Last-Event-ID without missing or repeating a change', async () => {
      const w = await world();
      const last = await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('account_id', '=', w.admin.accountId)
        .executeTakeFirstOrThrow();
      const first = (await send('POST', w.h, '/v2/time_entries', w.entry(1))).json();
      const seen = await readMessages(await stream(w.admin.token, {}, `?after=${last.id}`), 1);
      // ?after= replays what followed that event: the first change since.
      expect(seen[0]?.data.entityId).toBe(first.id);
      const second = (await send('POST', w.h, '/v2/time_entries', w.entry(2))).json();
      const resumed = await readMessages(
        await stream(w.admin.token, { 'last-event-id': seen[0]!.id }),
        1,
      );
      expect(resumed.map((m) => m.data.entityId)).toEqual([second.id]);
    });

    it("shows a member their own changes and not the administrator's, nor another account's", async () => {
      const w = await world();
      const other = await createHarvestCaller(t.db, t.clock);
      const reading = readMessages(await stream(w.memberToken), 2, 1500);
      await send('POST', w.h, '/v2/time_entries', w.entry(1));
      await send('POST', other.headers, '/v2/clients', { name: 'Elsewhere' });
      const own = (
        await send(
          'POST',
          { ...w.h, authorization: `Bearer ${w.memberToken}` },
          '/v2/time_entries',
          w.entry(2),
        )
      ).json();
      const messages = await reading;
      expect(messages.map((m) => m.data.entityId)).toEqual([own.id]);
    });

    it('sends a change whose transaction committed after a later-numbered one', async () => {
      const w = await world();
      const last = await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const base = Number((last.id as number | string | null) ?? 0);
      const reading = readMessages(await stream(w.admin.token), 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Two writers: the one numbered later commits first, then the earlier one.
      const row = (id: number) => ({
        id,
        account_id: w.admin.accountId,
        type: 'time_entry.updated',
        entity_type: 'time_entry',
        entity_id: id,
        user_id: w.admin.user.id,
        project_id: null,
        actor_user_id: w.admin.user.id,
        actor_credential: 'token',
        occurred_at: t.clock.now().getTime(),
        before_json: '{}',
        after_json: '{"late":false}',
      });
      await t.db
        .insertInto('events')
        .values(row(base + 900))
        .execute();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await t.db
        .insertInto('events')
        .values(row(base + 500))
        .execute();
      const messages = await reading;
      expect(messages.map((m) => Number(m.id))).toEqual([base + 900, base + 500]);
    });

    it('ends a stream when its session is signed out', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const signIn = await fetch(`${base}/punch/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const res = await fetch(`${base}/punch/v1/events`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const out = await fetch(`${base}/punch/v1/sessions/current`, {
        method: 'DELETE',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBe(204);
      // The server closes the stream: reading reaches its end instead of waiting for ever.
      const reader = res.body!.getReader();
      const ended = await Promise.race([
        (async () => {
          for (;;) if ((await reader.read()).done) return true;
        })(),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000)),
      ]);
      expect(ended).toBe(true);
    });

    it('refuses a stream without a credential', async () => {
      const res = await fetch(`${base}/punch/v1/events`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'unauthenticated',
      );
    });
  });
}
