package io.latchkey.http;

import java.util.concurrent.Semaphore;

/**
 * Lets a few requests run at a time, first come first served. Token signing, password hashing and JSON work are CPU
 * bound: with every request running at once on 2 cores, the OS shared the cores among 16 or more of them and the slowest
 * waited far longer than the rest (client_credentials at saturation: p99 250 ms at p50 8 ms on virtual threads, 49
 * ms on unlimited platform threads); in arrival order, 4 per core, p99 was 20 ms at p50 10 ms. Four per core rather
 * than one, so that requests waiting on the database leave the cores to others.
 */
final class RequestGate {
    private final Semaphore permits;

    RequestGate(int permits) {
        this.permits = new Semaphore(permits, true);
    }

    static RequestGate perCore(int perCore) {
        return new RequestGate(perCore * Runtime.getRuntime().availableProcessors());
    }

    void run(Handler work, Exchange x) throws Exception {
        permits.acquireUninterruptibly();
        try {
            work.handle(x);
        } finally {
            permits.release();
        }
    }
}
