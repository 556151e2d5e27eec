package io.latchkey.activities;

import io.latchkey.http.ApiException;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;

/** Reading the audit log: one activity, or a filtered page of an environment's. */
public final class ActivityService {
    private final Database db;
    private final ActivityStore store;

    public ActivityService(Database db, ActivityLog log) {
        this.db = db;
        this.store = log.store();
    }

    public Page<Activity> list(String env, String filter, PageRequest page) {
        FilterSql.Where where = ActivityFilter.translate(filter);
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env, where, page);
        });
    }

    public Activity get(String env, String id) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            if (!Ids.isUuid(id)) throw ApiException.notFound("Activity", id);
            return store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Activity", id));
        });
    }
}
