package app.vanguard.shared;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Group commit of the hot write paths (vanguard.group-commit): see {@link GroupCommit}. */
@ConfigurationProperties("vanguard.group-commit")
public class GroupCommitSettings {

    /** Most requests one transaction holds. */
    private int maxBatch = 200;
    /** Transactions of one write path in flight at once (each on its own worker thread and connection). */
    private int workers = 2;
    /** Requests waiting for a batch beyond which new ones are refused with 503 (the database cannot keep up). */
    private int maxWaiting = 20_000;
    /**
     * Threads that run batches' after-commit steps (Redis) and answer their requests (the responses are written from
     * there), shared by every write path, so a worker starts its next transaction as soon as one commits.
     */
    private int answerThreads = 2;

    public int getAnswerThreads() {
        return answerThreads;
    }

    public void setAnswerThreads(int answerThreads) {
        this.answerThreads = answerThreads;
    }

    public int getMaxBatch() {
        return maxBatch;
    }

    public void setMaxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public int getMaxWaiting() {
        return maxWaiting;
    }

    public void setMaxWaiting(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }
}
