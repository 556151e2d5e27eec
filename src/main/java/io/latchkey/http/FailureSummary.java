package io.latchkey.http;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.StatementException;

/**
 * What the log says of an unexpected failure: the exception classes of its cause chain, their SQLStates, the SQL
 * statement as written in our code (named placeholders, no bound values) and where in our code it was thrown.
 * Never an exception's message: drivers quote the offending value in theirs (H2's "Value too long for column"
 * prints the value; PostgreSQL's key-violation detail prints the key), and a value may be a secret.
 */
final class FailureSummary {
    private static final String OUR_PACKAGE = "io.latchkey.";

    private FailureSummary() {}

    static String of(Throwable failure) {
        List<String> chain = new ArrayList<>();
        String statement = null;
        String where = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
            String name = t.getClass().getName();
            if (t instanceof SQLException sql && sql.getSQLState() != null)
                name += " [SQLState " + sql.getSQLState() + "]";
            chain.add(name);
            if (statement == null && t instanceof StatementException se && se.getStatementContext() != null) {
                statement = se.getStatementContext().getRawSql();
            }
            if (where == null) where = firstFrameOfOurs(t);
        }
        StringBuilder s = new StringBuilder(String.join(" caused by ", chain));
        if (where != null) s.append(" at ").append(where);
        if (statement != null)
            s.append("; statement: ").append(statement.replaceAll("\\s+", " ").trim());
        return s.toString();
    }

    private static String firstFrameOfOurs(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith(OUR_PACKAGE) && !e.getClassName().startsWith(OUR_PACKAGE + "http.")) {
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
            }
        }
        return null;
    }
}
