package io.latchkey.storage;

import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Keyset paging over time-ordered ids, the one way every list of the management API pages: the rows after the
 * cursor in id order, one more than the limit (to tell whether more follow), and the total count of matches.
 */
public final class KeysetPage {
    private KeysetPage() {}

    /**
     * One page of {@code selectWhere} (a {@code select ... where ...} without order or limit) ordered by
     * {@code idColumn}, with the total count of {@code countSql}; {@code binds} binds both statements' parameters.
     */
    public static <T> Page<T> query(
            Handle h,
            String selectWhere,
            String idColumn,
            String countSql,
            Consumer<Query> binds,
            PageRequest page,
            RowMapper<T> mapper) {
        String sql = selectWhere + (page.after() != null ? " and " + idColumn + " > :after" : "") + " order by "
                + idColumn + " limit :limit";
        Query q = h.createQuery(sql);
        binds.accept(q);
        q.bind("limit", page.limit() + 1);
        if (page.after() != null) q.bind("after", page.after());
        List<T> rows = q.map(mapper).list();
        Query count = h.createQuery(countSql);
        binds.accept(count);
        return Page.fromRows(rows, page.limit(), count.mapTo(Long.class).one());
    }

    /** As {@link #query(Handle, String, String, String, Consumer, PageRequest, RowMapper)} with named values. */
    public static <T> Page<T> query(
            Handle h,
            String selectWhere,
            String idColumn,
            String countSql,
            Map<String, Object> binds,
            PageRequest page,
            RowMapper<T> mapper) {
        return query(h, selectWhere, idColumn, countSql, q -> q.bindMap(binds), page, mapper);
    }
}
