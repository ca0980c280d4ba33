/**
 * "New jobs were committed": whoever queues work says so, and the worker sends it without waiting
 * for its next poll. Made before both, so neither needs the other to exist first.
 */
export class JobSignal {
  private readonly listeners: Array<() => void> = [];

  /** Bound, so it can be passed around as a plain function. */
  readonly wake = (): void => {
    for (const listener of this.listeners) listener();
  };

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }
}
