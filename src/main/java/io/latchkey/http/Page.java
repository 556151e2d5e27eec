package io.latchkey.http;

import java.util.List;

/** One page of a list: its items, the total count of matches, and whether more follow. */
public record Page<T>(List<T> items, long count, boolean hasMore) {

    /** Builds a page from {@code limit + 1} rows fetched in id order. */
    public static <T> Page<T> fromRows(List<T> rowsPlusOne, int limit, long count) {
        boolean more = rowsPlusOne.size() > limit;
        return new Page<>(more ? List.copyOf(rowsPlusOne.subList(0, limit)) : List.copyOf(rowsPlusOne), count, more);
    }
}
