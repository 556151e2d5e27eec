package io.latchkey.http;

/** {@code Set-Cookie} values with the attributes Latchkey always wants (HttpOnly, SameSite=Lax, Secure on https). */
public final class Cookies {
    private Cookies() {}

    public static String set(String name, String value, String path, boolean secure, long maxAgeSeconds) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    public static String clear(String name, String path, boolean secure) {
        return name + "=; Path=" + path + "; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
