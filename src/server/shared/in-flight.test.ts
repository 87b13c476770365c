import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('lets a second task start while the first runs, and holds the third until one ends', async () => {
    const tasks = new InFlight(2);
    const first = deferred();
    const second = deferred();
    await tasks.add(first.promise);
    let admitted = false;
    const adding = tasks.add(second.promise).then(() => {
      admitted = true;
    });
    await Promise.resolve();
    expect(admitted).toBe(false);
    first.resolve();
    await adding;
    expect(admitted).toBe(true);
    second.resolve();
    await tasks.settle();
  });

  it('waits for every task before throwing the first failure', async () => {
    const tasks = new InFlight(3);
    const slow = deferred();
    let slowDone = false;
    await tasks.add(slow.promise.then(() => (slowDone = true)));
    await tasks.add(Promise.reject(new Error('first')));
    await tasks.add(Promise.reject(new Error('second')));
    await Promise.resolve();
    expect(tasks.failed).toBe(true);
    const settling = tasks.settle();
    slow.resolve();
    await expect(settling).rejects.toThrow('first');
    expect(slowDone).toBe(true);
  });

  it('settles at once with nothing under way, and refuses a limit below one', async () => {
    await expect(new InFlight(1).settle()).resolves.toBeUndefined();
    expect(() => new InFlight(0)).toThrow(RangeError);
  });
});
