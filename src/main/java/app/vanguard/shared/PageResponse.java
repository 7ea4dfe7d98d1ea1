package app.vanguard.shared;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of a listing: the items, the 0-based page asked for, its size and the total count. */
@Serdeable
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
