package io.latchkey.http;

/** A check that runs before a route's handler, e.g. the management bearer-token and role check. */
@FunctionalInterface
public interface Guard {
    Guard NONE = x -> {};

    void check(Exchange x);
}
