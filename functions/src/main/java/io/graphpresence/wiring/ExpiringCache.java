package io.graphpresence.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A small cache bounded in size (the least recently used entry goes first) and in time (an
 * entry is loaded again after its time to live). What a lookup found, absence included, is
 * kept, so asking again for something unknown costs nothing until it expires. Loads run
 * outside the lock; two threads missing the same key at once may both load it.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAtNanos) {
    }

    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries;

    ExpiringCache(int maxEntries, java.time.Duration timeToLive, LongSupplier nanoTime) {
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    V get(K key, Function<K, V> load) {
        long now = nanoTime.getAsLong();
        Entry<V> cached;
        synchronized (this) {
            cached = entries.get(key);
        }
        if (cached != null && now - cached.loadedAtNanos() < timeToLiveNanos) {
            return cached.value();
        }
        V value = load.apply(key);
        synchronized (this) {
            entries.put(key, new Entry<>(value, now));
        }
        return value;
    }

    /** The value held for {@code key} if it is still fresh; null otherwise (or if null was held). */
    V fresh(K key) {
        long now = nanoTime.getAsLong();
        Entry<V> cached;
        synchronized (this) {
            cached = entries.get(key);
        }
        return cached != null && now - cached.loadedAtNanos() < timeToLiveNanos ? cached.value() : null;
    }

    /** Holds {@code value}, loaded now, for {@code key}. */
    synchronized void put(K key, V value) {
        entries.put(key, new Entry<>(value, nanoTime.getAsLong()));
    }

    /** Drops what is held for {@code key}: the next lookup loads it. */
    synchronized void forget(K key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
