package io.latchkey.app;

import io.latchkey.storage.Database;
import java.util.Optional;
import java.util.function.Supplier;

/** Per-installation values kept in the database (the organization id, the master-key check). */
final class InstanceSettings {
    private final Database db;

    InstanceSettings(Database db) {
        this.db = db;
    }

    Optional<String> get(String name) {
        return db.withHandle(h -> h.createQuery("select setting_value from instance_settings where name = :n")
                .bind("n", name)
                .mapTo(String.class)
                .findFirst());
    }

    /**
     * The stored value, or {@code initial} stored now (first start). Two processes starting on one new database
     * both try; the first insert wins and both return its value.
     */
    String getOrCreate(String name, Supplier<String> initial) {
        return get(name).orElseGet(() -> {
            String value = initial.get();
            db.withHandle(h -> h.createUpdate(
                            "insert into instance_settings (name, setting_value) values (:n, :v) on conflict do nothing")
                    .bind("n", name)
                    .bind("v", value)
                    .execute());
            return get(name).orElseThrow();
        });
    }
}
