package io.graphpresence.wiring;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The thread pools of the functions' own work, one per name for the application context,
 * shut down with it: a function instance made again on the same context shares its pool, and
 * no thread of ours outlives the context (a test's, the local stack's, a Lambda's at
 * shutdown). Threads are daemons made on first use and dropped after a minute idle, so a
 * function that never uses its pool pays nothing.
 */
@Singleton
public class WorkerPools {

    private static final long IDLE_SECONDS = 60;

    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** At most {@code threads} at once, the rest queued. */
    public ExecutorService fixed(String name, int threads) {
        return pool(name, () -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemons(name));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    /** A thread per task under way, for tasks that wait on each other and must never queue. */
    public ExecutorService unbounded(String name) {
        return pool(name, () -> new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons(name)));
    }

    private ExecutorService pool(String name, Supplier<ExecutorService> create) {
        if (closed) {
            throw new IllegalStateException("The application context is closed; no pool " + name);
        }
        return pools.computeIfAbsent(name, n -> create.get());
    }

    @PreDestroy
    void close() throws InterruptedException {
        closed = true;
        pools.values().forEach(ExecutorService::shutdownNow);
        for (ExecutorService pool : pools.values()) {
            // the tasks were interrupted; what is left is their unwinding
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory platform = Executors.defaultThreadFactory();
        return runnable -> {
            Thread thread = platform.newThread(runnable);
            thread.setName(name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
