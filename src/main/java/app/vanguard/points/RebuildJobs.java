package app.vanguard.points;

import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Leaderboard rebuilds as jobs: one at a time across every instance (the lock {@code lb:{meta}:rebuild} holds the
 * running job's id), run in the background, their status kept in Redis ({@code lb:{meta}:rebuild:<id>}, a hash,
 * kept {@code rebuild-job-ttl} after it starts and again after it ends) so that any instance can answer for it.
 * Lock and jobs share the {@code {meta}} hash tag, so each step below is one atomic script on one Redis Cluster slot.
 * <p>
 * The lock is a lease ({@code rebuild-lease}) that the worker renews before each step it writes (a page of the
 * ledger, a batch of deletes), so it must exceed the longest step. A job whose lock is gone while it still says RUNNING was abandoned (its instance stopped, or its worker
 * hung): the first status read marks it FAILED, and a new rebuild may start. A worker that finds its lock gone stops.
 */
@Singleton
public class RebuildJobs {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildJobs.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String ABANDONED = "Abandoned: the instance running this rebuild stopped renewing its lock "
            + "(it stopped or lost Redis); its boards may be incomplete, start a new rebuild";

    // KEYS: lock, job. ARGV: id, lease ms, job ttl ms, org id ('' = every board), now ms.
    // → {1} when started, {0, running job id} when another rebuild holds the lock.
    private static final String START = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              redis.call('HSET', KEYS[2], 'id', ARGV[1], 'orgId', ARGV[4], 'state', 'RUNNING', 'startedAt', ARGV[5],
                'heartbeatAt', ARGV[5], 'boards', '0', 'members', '0')
              redis.call('PEXPIRE', KEYS[2], ARGV[3])
              return {1}
            end
            return {0, redis.call('GET', KEYS[1]) or ''}
            """;

    // KEYS: lock, job. ARGV: id, lease ms, now ms, boards, members. Renews the lease if the job still holds it.
    private static final String BEAT = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('HSET', KEYS[2], 'heartbeatAt', ARGV[3], 'boards', ARGV[4], 'members', ARGV[5])
            return 1
            """;

    // KEYS: lock, job. ARGV: id, DONE|FAILED, now ms, boards, members, error, job ttl ms, lost-lock error.
    // Releases the lock if it is the job's; records the outcome unless the job was already marked abandoned.
    private static final String FINISH = """
            local mine = redis.call('GET', KEYS[1]) == ARGV[1]
            if mine then redis.call('DEL', KEYS[1]) end
            if redis.call('HGET', KEYS[2], 'state') ~= 'RUNNING' then return 0 end
            local state, err = ARGV[2], ARGV[6]
            if not mine and state == 'DONE' then state, err = 'FAILED', ARGV[8] end
            redis.call('HSET', KEYS[2], 'state', state, 'finishedAt', ARGV[3], 'boards', ARGV[4], 'members', ARGV[5])
            if err ~= '' then redis.call('HSET', KEYS[2], 'error', err) end
            redis.call('PEXPIRE', KEYS[2], ARGV[7])
            return 1
            """;

    // KEYS: lock, job. ARGV: id, abandoned error. The job's fields; a RUNNING job without its lock becomes FAILED.
    private static final String READ = """
            local state = redis.call('HGET', KEYS[2], 'state')
            if not state then return {} end
            if state == 'RUNNING' and redis.call('GET', KEYS[1]) ~= ARGV[1] then
              redis.call('HSET', KEYS[2], 'state', 'FAILED', 'finishedAt', redis.call('HGET', KEYS[2], 'heartbeatAt'),
                'error', ARGV[2])
            end
            return redis.call('HGETALL', KEYS[2])
            """;

    public enum State { RUNNING, DONE, FAILED }

    /**
     * A rebuild: of the subtree under {@code orgId} (every board when absent), its state, when it started and
     * finished (for an abandoned job: its last sign of life), boards and members done so far, and why it failed.
     */
    @Serdeable
    public record Job(String id, @Nullable Long orgId, State state, Instant startedAt, @Nullable Instant finishedAt,
                      int boards, int members, @Nullable String error) {
    }

    /** Another rebuild holds the lock: the id of its job. */
    public static final class InProgressException extends RuntimeException {
        private final String runningId;

        InProgressException(String runningId) {
            super("A leaderboard rebuild is already running: job " + runningId, null, false, false);
            this.runningId = runningId;
        }

        public String runningId() {
            return runningId;
        }
    }

    /** The job's lock was lost while it ran (lease expired, or taken over): it must stop. */
    static final class LostLockException extends RuntimeException {
        LostLockException() {
            super("lost the rebuild lock while running", null, false, false);
        }
    }

    private final Boards boards;
    private final BoardSync sync;
    private final BoardSettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor workers;

    public RebuildJobs(Boards boards, BoardSync sync, BoardSettings settings, Clock clock) {
        this.boards = boards;
        this.sync = sync;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // At most 2 workers and no queue: the lock lets one rebuild run at a time; the second thread is for a new job
        // while an abandoned worker (one that lost its lock) has not yet noticed and stopped.
        this.workers = new ThreadPoolExecutor(1, 2, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "leaderboard-rebuild-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /**
     * Starts a rebuild of the subtree under {@code root} (every board when null) in the background: clears its
     * boards, then rebuilds them from the ledger. Returns the new job, RUNNING.
     *
     * @throws InProgressException when another rebuild is running
     * @throws io.lettuce.core.RedisException when Redis is unavailable
     * @throws ApiException 503 when no worker thread is free (a stopped worker has not yet let go)
     */
    public Job start(@Nullable Organisation root) {
        Job job = begin(root);
        try {
            workers.execute(() -> run(job, root, true));
        } catch (RejectedExecutionException e) {
            finish(job, State.FAILED, 0, 0, "No rebuild worker was free on this instance");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "No leaderboard rebuild worker is free on this instance; try again shortly");
        }
        return job;
    }

    /**
     * Runs a rebuild in the calling thread (the catch-up, when Redis lost the boards): the same lock and job record,
     * without clearing. Empty when another rebuild is running.
     */
    public Optional<Job> runNow(@Nullable Organisation root) {
        Job job;
        try {
            job = begin(root);
        } catch (InProgressException e) {
            return Optional.empty();
        }
        run(job, root, false);
        return find(job.id());
    }

    /** The job, as any instance sees it; an abandoned one reads FAILED. Empty for an unknown (or expired) id. */
    public Optional<Job> find(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        List<Object> fields = boards.eval(READ, ScriptOutputType.MULTI, new String[]{Boards.REBUILD_LOCK, key(id)},
                id, ABANDONED);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            h.put(fields.get(i).toString(), fields.get(i + 1).toString());
        }
        return Optional.of(new Job(id, h.getOrDefault("orgId", "").isEmpty() ? null : Long.valueOf(h.get("orgId")),
                State.valueOf(h.get("state")), Instant.ofEpochMilli(Long.parseLong(h.get("startedAt"))),
                h.containsKey("finishedAt") ? Instant.ofEpochMilli(Long.parseLong(h.get("finishedAt"))) : null,
                Integer.parseInt(h.getOrDefault("boards", "0")), Integer.parseInt(h.getOrDefault("members", "0")),
                h.get("error")));
    }

    static String key(String id) {
        return Boards.REBUILD_LOCK + ":" + id;
    }

    private Job begin(@Nullable Organisation root) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        List<Object> reply = boards.eval(START, ScriptOutputType.MULTI, new String[]{Boards.REBUILD_LOCK, key(id)}, id,
                Long.toString(settings.getRebuildLease().toMillis()), Long.toString(settings.getRebuildJobTtl().toMillis()),
                root == null ? "" : root.id().toString(), Long.toString(now));
        if ((Long) reply.get(0) == 0) {
            throw new InProgressException(reply.get(1).toString());
        }
        return new Job(id, root == null ? null : root.id(), State.RUNNING, Instant.ofEpochMilli(now), null, 0, 0, null);
    }

    private void run(Job job, @Nullable Organisation root, boolean clear) {
        Heartbeat heartbeat = new Heartbeat(job.id());
        try {
            heartbeat.beat(0, 0); // still ours? (an abandoned job must not touch the boards)
            BoardSync.RebuildResult result = sync.rebuild(root, clear, heartbeat);
            finish(job, State.DONE, result.boards(), result.members(), "");
            LOG.info("Leaderboard rebuild {} done: {} boards, {} members", job.id(), result.boards(), result.members());
        } catch (LostLockException e) {
            LOG.warn("Leaderboard rebuild {} stopped: {}", job.id(), e.getMessage());
            finish(job, State.FAILED, heartbeat.boards, heartbeat.members, "Stopped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Leaderboard rebuild {} failed", job.id(), e);
            finish(job, State.FAILED, heartbeat.boards, heartbeat.members, failure(job, e));
        } catch (Error e) {
            finish(job, State.FAILED, heartbeat.boards, heartbeat.members, failure(job, e));
            throw e;
        }
    }

    /** What the job says about a failure: Redis's own message (ours), else only the kind; details are in the log. */
    private static String failure(Job job, Throwable e) {
        String what = e instanceof io.lettuce.core.RedisException ? "Redis: " + e.getMessage() : e.getClass().getSimpleName();
        return "Failed (" + what + "); the log of the instance that ran job " + job.id() + " has the details";
    }

    private void finish(Job job, State state, int boardCount, int members, String error) {
        try {
            boards.evalBehindBulk(FINISH, ScriptOutputType.INTEGER, new String[]{Boards.REBUILD_LOCK, key(job.id())}, job.id(),
                    state.name(), Long.toString(clock.millis()), Integer.toString(boardCount), Integer.toString(members),
                    error, Long.toString(settings.getRebuildJobTtl().toMillis()),
                    "Lost its lock before finishing (it was too slow to renew it); start a new rebuild");
        } catch (RuntimeException e) {
            // Redis is gone: the lease runs out and the job then reads as abandoned.
            LOG.warn("Could not record the end of leaderboard rebuild {}: {}", job.id(), e.toString());
        }
    }

    /**
     * Renews the job's lease before every step of the rebuild (one small script per page of the ledger): a worker
     * that lost its lock stops before writing anything more.
     */
    private final class Heartbeat implements BoardSync.Progress {
        private final String id;
        int boards;
        int members;

        Heartbeat(String id) {
            this.id = id;
        }

        @Override
        public void step(int boardCount, int memberCount) {
            this.boards = boardCount;
            this.members = memberCount;
            beat(boardCount, memberCount);
        }

        void beat(int boardCount, int memberCount) {
            // The beat queues in Redis behind the page of board writes still being applied (bench/: with a
            // 1 000 000-member board that took over 500 ms), so it goes on the bulk connection and waits as long as a
            // bulk step may.
            Long renewed = RebuildJobs.this.boards.evalBehindBulk(BEAT, ScriptOutputType.INTEGER,
                    new String[]{Boards.REBUILD_LOCK, key(id)}, id, Long.toString(settings.getRebuildLease().toMillis()),
                    Long.toString(clock.millis()), Integer.toString(boardCount), Integer.toString(memberCount));
            if (renewed == 0) {
                throw new LostLockException();
            }
        }
    }
}
