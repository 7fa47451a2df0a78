// A bounded in-memory map whose entries expire: the shape of every short-lived cache of read results.
// When full, the oldest entry goes. clear() also moves `epoch` on, so a value read from the database
// before a change (and stored after it) can be refused with setIfSince.

export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  /** Moves on at every clear(). */
  epoch = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  /** The value under key, unless it expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expires > Date.now() ? entry.value : undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  /** Stores the value unless the map was cleared since `epoch` was read (the value may be stale). */
  setIfSince(epoch: number, key: string, value: V): void {
    if (epoch === this.epoch) this.set(key, value);
  }

  /** Forgets key if it still holds this value (e.g. a promise that failed). */
  deleteIf(key: string, value: V): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.epoch++;
  }
}

/**
 * The promise kept under key, else read() kept there until it expires or fails: concurrent callers
 * share one read.
 */
export function remembered<T>(map: ExpiringMap<Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  const hit = map.get(key);
  if (hit) return hit;
  const value = read();
  map.set(key, value);
  value.catch(() => map.deleteIf(key, value));
  return value;
}
