package io.latchkey.applicationpermissions;

import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** Small JDBI helpers shared by this package's stores. */
final class Sql {
    private Sql() {}

    /**
     * One page of {@code select ... where ...} ordered by {@code idColumn} (keyset paging on the time-ordered id),
     * with the total count of {@code countSql}. Both statements get {@code binds}.
     */
    static <T> Page<T> page(Handle h, String selectWhere, String idColumn, String countSql, Map<String, Object> binds,
                            PageRequest page, RowMapper<T> mapper) {
        String sql = selectWhere + (page.after() != null ? " and " + idColumn + " > :after" : "")
                + " order by " + idColumn + " limit :limit";
        Query q = h.createQuery(sql).bindMap(binds).bind("limit", page.limit() + 1);
        if (page.after() != null) q.bind("after", page.after());
        List<T> rows = q.map(mapper).list();
        long count = h.createQuery(countSql).bindMap(binds).mapTo(Long.class).one();
        return Page.fromRows(rows, page.limit(), count);
    }
}
