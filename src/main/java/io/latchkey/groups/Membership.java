package io.latchkey.groups;

/** A user's membership of a group: DIRECT (added to it) or INDIRECT (through a group nested in it). */
public record Membership(Group group, boolean direct) {
    public String type() {
        return direct ? "DIRECT" : "INDIRECT";
    }
}
