package app.vanguard.points;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import app.vanguard.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The ledger as a rebuild worker sees it, with a gate a test can close: the worker then waits before reading its
 * next page, as a hung or stopped worker would (no progress, no lease renewal), until the test lets it through one
 * page at a time (a long rebuild) or opens the gate.
 * Only in test contexts with {@code test.gated-ledger=true}; only rebuild worker threads wait.
 */
@Singleton
@Replaces(BoardLedgerStore.class)
@Requires(property = "test.gated-ledger", value = "true")
class GatedLedger extends BoardLedgerStore {

    private volatile boolean closed;
    private volatile boolean everyThread;
    private final Semaphore passes = new Semaphore(0);
    private final Semaphore arrivals = new Semaphore(0);

    GatedLedger(Sql sql) {
        super(sql);
    }

    /** Workers wait at their next page until let through (at most 60 s, then they go on). */
    void close() {
        passes.drainPermits();
        arrivals.drainPermits();
        closed = true;
    }

    /** As {@link #close()}, and the gate also holds a rebuild run by the catch-up (on a scheduler thread). */
    void closeForEveryThread() {
        close();
        everyThread = true;
    }

    void open() {
        closed = false;
        everyThread = false;
        passes.release(1_000_000);
    }

    /** Lets the worker held at the gate read one page; it waits again at the next. */
    void letOnePageThrough() {
        passes.release();
    }

    /** Waits until a worker is held at the closed gate. */
    void awaitWorkerAtGate() throws InterruptedException {
        if (!workerAtGate(Duration.ofSeconds(30))) {
            throw new AssertionError("No rebuild worker reached the gate within 30 s");
        }
    }

    /** Whether a worker came to the closed gate within {@code timeout}. */
    boolean workerAtGate(Duration timeout) throws InterruptedException {
        return arrivals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    @Transactional(readOnly = true)
    public Page page(long afterMemberId, int rows, LocalDate fromDate) {
        if (everyThread || Thread.currentThread().getName().startsWith("leaderboard-rebuild")) {
            try {
                if (closed) {
                    arrivals.release();
                    passes.tryAcquire(60, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return super.page(afterMemberId, rows, fromDate);
    }
}
