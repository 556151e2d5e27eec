package io.latchkey.http;

/** One endpoint: reads the request from the exchange, calls a service, writes the answer. */
@FunctionalInterface
public interface Handler {
    void handle(Exchange x) throws Exception;
}
