package io.latchkey.groups;

import io.latchkey.claims.ComputedUserAttributes;
import io.latchkey.storage.Database;
import java.util.List;
import java.util.Optional;

/**
 * {@code memberOfGroupNames} and {@code memberOfGroupIDs} for attribute expressions ({@code ${user.memberOfGroupNames}}
 * is how PingOne puts groups into tokens): every group of the user, nested ones included, as a JSON array, read when
 * a token is issued.
 */
public final class GroupClaimAttributes implements ComputedUserAttributes {
    public static final String NAMES = "memberOfGroupNames";
    public static final String IDS = "memberOfGroupIDs";

    private final Database db;

    public GroupClaimAttributes(Database db) {
        this.db = db;
    }

    @Override
    public boolean provides(String name) {
        return NAMES.equals(name) || IDS.equals(name);
    }

    @Override
    public Optional<Object> value(String env, String userId, String name) {
        if (!provides(name) || userId == null) return Optional.empty();
        List<UserGroups.Ref> refs = db.withHandle(h -> UserGroups.of(h, env, userId));
        return Optional.of(
                refs.stream().map(r -> NAMES.equals(name) ? r.name() : r.id()).toList());
    }
}
