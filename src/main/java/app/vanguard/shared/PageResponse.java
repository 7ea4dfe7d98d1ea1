package app.vanguard.shared;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of a listing: the items, the 0-based page asked for, its size and the total count. */
@Serdeable
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    /** The page of a list already held in full (a short, bounded list). */
    public static <T> PageResponse<T> slice(List<T> all, int page, int size) {
        long from = Math.min((long) page * size, all.size());
        long to = Math.min(from + size, all.size());
        return new PageResponse<>(List.copyOf(all.subList((int) from, (int) to)), page, size, all.size());
    }

    /** The row offset of a page. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
