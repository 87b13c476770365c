/**
 * A bounded set of tasks under way at once, for work that overlaps well (the server builds one
 * batch while the database writes another). The first failure is kept: no new task should start
 * after it (`failed`), and `settle` waits for the rest and then throws it, so a caller never
 * leaves a task running behind a thrown error.
 */
export class InFlight {
  readonly #limit: number;
  readonly #running = new Set<Promise<void>>();
  #failure: { error: unknown } | null = null;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be at least 1');
    this.#limit = limit;
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  /** Tracks a task, and returns once fewer than `limit` tasks are under way. */
  async add(task: Promise<unknown>): Promise<void> {
    const tracked: Promise<void> = task.then(
      () => {
        this.#running.delete(tracked);
      },
      (error: unknown) => {
        this.#running.delete(tracked);
        this.#failure ??= { error };
      },
    );
    this.#running.add(tracked);
    while (this.#running.size >= this.#limit) await Promise.race(this.#running);
  }

  /** Waits for every task, then throws the first failure if there was one. */
  async settle(): Promise<void> {
    await Promise.all(this.#running);
    if (this.#failure) throw this.#failure.error;
  }
}
