package app.vanguard.shared;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for the hot write paths (a meeting's check-in burst, a contest's submit burst): the writes of many
 * requests go into one transaction, with multi-row statements, and each request is answered only after the COMMIT
 * that holds its rows — never before it is durable. A request waiting for its batch holds no thread: the handler
 * returns the {@link CompletableFuture} of {@link Batcher#submit}.
 *
 * <p>Each write path has one {@link Batcher}: {@code workers} threads each take whatever requests are waiting (up to
 * {@code max-batch}) and run the path's {@link Work} on them in one transaction; once it has committed, one of the
 * {@code answer-threads} runs its after-commit step (the Redis boards, pipelined for the whole batch) and then
 * completes the requests (their responses are written from that thread), while the worker already takes the next
 * batch. Under load a batch is whatever arrived while the previous one was committing; alone, a request is a batch of
 * one and waits for nothing.
 *
 * <p>The work answers one {@link Outcome} per request: a value, or the request's own refusal (an
 * {@link ApiException}) which does not disturb the others. If the work throws (a deadlock, a unique key raced by
 * another instance), the transaction is rolled back and every request of the batch runs again alone, each in its own
 * transaction, so one request's trouble is never another's.
 */
@Singleton
public class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionOperations<Connection> transactions;
    private final GroupCommitSettings settings;
    private final List<Batcher<?, ?>> batchers = new CopyOnWriteArrayList<>();
    private final ExecutorService answering;

    public GroupCommit(TransactionOperations<Connection> transactions, GroupCommitSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
        AtomicInteger threadNumber = new AtomicInteger();
        this.answering = Executors.newFixedThreadPool(Math.max(1, settings.getAnswerThreads()), r -> {
            Thread t = new Thread(r, "group-commit-answer-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What one request of a batch came to: its value, or its refusal. */
    public record Outcome<R>(R value, RuntimeException error) {
        public static <R> Outcome<R> ok(R value) {
            return new Outcome<>(value, null);
        }

        public static <R> Outcome<R> failed(RuntimeException error) {
            return new Outcome<>(null, Objects.requireNonNull(error));
        }

        public boolean succeeded() {
            return error == null;
        }
    }

    /** A write path's statements for a batch, run inside its transaction: one outcome per item, in item order. */
    @FunctionalInterface
    public interface Work<T, R> {
        List<Outcome<R>> run(List<T> items);
    }

    /** Runs after the batch's COMMIT, before its requests are answered; must not throw (Redis may be down). */
    @FunctionalInterface
    public interface AfterCommit<T, R> {
        void run(List<T> items, List<Outcome<R>> outcomes);
    }

    public <T, R> Batcher<T, R> batcher(String name, Work<T, R> work) {
        return batcher(name, work, (items, outcomes) -> {
        });
    }

    public <T, R> Batcher<T, R> batcher(String name, Work<T, R> work, AfterCommit<T, R> afterCommit) {
        Batcher<T, R> batcher = new Batcher<>(name, work, afterCommit);
        batchers.add(batcher);
        batcher.start();
        return batcher;
    }

    @PreDestroy
    void stop() {
        batchers.forEach(Batcher::stop);
        answering.shutdown(); // batches already committed are still answered
    }

    private record Waiting<T, R>(T item, CompletableFuture<R> answer) {
    }

    /** One write path's queue and workers. */
    public final class Batcher<T, R> {

        private final String name;
        private final Work<T, R> work;
        private final AfterCommit<T, R> afterCommit;
        private final BlockingQueue<Waiting<T, R>> queue;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        private Batcher(String name, Work<T, R> work, AfterCommit<T, R> afterCommit) {
            this.name = name;
            this.work = work;
            this.afterCommit = afterCommit;
            this.queue = new LinkedBlockingQueue<>(settings.getMaxWaiting());
        }

        /** Queues the item; the future completes after the COMMIT holding its rows (or with its refusal). */
        public CompletableFuture<R> submit(T item) {
            CompletableFuture<R> answer = new CompletableFuture<>();
            if (stopped || !queue.offer(new Waiting<>(item, answer))) {
                answer.completeExceptionally(new CannotGetJdbcConnectionException(
                        "The database is not keeping up with " + name + " (group commit queue full)"));
            }
            return answer;
        }

        private void start() {
            for (int i = 1; i <= Math.max(1, settings.getWorkers()); i++) {
                Thread t = new Thread(this::loop, "group-commit-" + name + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void stop() {
            stopped = true;
            threads.forEach(Thread::interrupt);
            List<Waiting<T, R>> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(w -> w.answer().completeExceptionally(
                    new CannotGetJdbcConnectionException("The service is stopping")));
        }

        private void loop() {
            List<Waiting<T, R>> batch = new ArrayList<>();
            while (!stopped) {
                try {
                    Waiting<T, R> first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, Math.max(0, settings.getMaxBatch() - 1));
                    runBatch(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Throwable e) { // never lose the worker; answer whoever is still waiting
                    LOG.error("Group commit {} failed", name, e);
                    batch.forEach(w -> w.answer().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
        }

        private void runBatch(List<Waiting<T, R>> batch) {
            List<T> items = batch.stream().map(Waiting::item).toList();
            List<Outcome<R>> outcomes;
            try {
                outcomes = runInTransaction(items);
            } catch (RuntimeException batchFailed) {
                if (batch.size() == 1) {
                    outcomes = retryAlone(items, batchFailed);
                    if (outcomes == null) {
                        batch.get(0).answer().completeExceptionally(batchFailed);
                        return;
                    }
                } else {
                    LOG.debug("Group commit {}: batch of {} rolled back ({}); running each alone", name,
                            batch.size(), batchFailed.toString());
                    for (Waiting<T, R> w : batch) {
                        runBatch(List.of(w));
                    }
                    return;
                }
            }
            List<Waiting<T, R>> answers = List.copyOf(batch); // the worker clears its batch for the next one
            List<Outcome<R>> committed = outcomes;
            try {
                answering.execute(() -> answer(items, answers, committed));
            } catch (RejectedExecutionException stopping) {
                answer(items, answers, committed);
            }
        }

        /** After the COMMIT: the after-commit step, then each request's answer. */
        private void answer(List<T> items, List<Waiting<T, R>> batch, List<Outcome<R>> outcomes) {
            try {
                afterCommit.run(items, outcomes);
            } catch (RuntimeException e) {
                LOG.warn("Group commit {}: after-commit step failed (the rows are committed): {}", name, e.toString());
            }
            for (int i = 0; i < batch.size(); i++) {
                Outcome<R> outcome = outcomes.get(i);
                if (outcome.succeeded()) {
                    batch.get(i).answer().complete(outcome.value());
                } else {
                    batch.get(i).answer().completeExceptionally(outcome.error());
                }
            }
        }

        /** A request alone chosen as a deadlock victim runs again (twice at most); null when it should fail. */
        private List<Outcome<R>> retryAlone(List<T> items, RuntimeException failure) {
            for (int attempt = 2; attempt <= 3 && Sql.isRolledBack(failure); attempt++) {
                try {
                    return runInTransaction(items);
                } catch (RuntimeException again) {
                    failure = again;
                }
            }
            return null;
        }

        private List<Outcome<R>> runInTransaction(List<T> items) {
            List<Outcome<R>> outcomes = transactions.executeWrite(status -> work.run(items));
            if (outcomes.size() != items.size()) {
                throw new IllegalStateException("Group commit " + name + ": " + outcomes.size() + " outcomes for "
                        + items.size() + " requests");
            }
            return outcomes;
        }
    }
}
