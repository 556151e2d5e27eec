package io.latchkey.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: raw NUL bytes, undecodable percent-encoding, duplicate or
 * oversized headers, bodies that lie about their type. rest-assured and java.net.http refuse or repair most of these.
 * One connection per request ({@code Connection: close}), so the answer is everything up to the end of the stream.
 */
final class Wire {
    private final String host;
    private final int port;

    Wire(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A request. {@code target} is sent as is (already percent-encoded, or deliberately not). */
    static final class Request {
        final String method;
        final String target;
        final List<String[]> headers = new ArrayList<>();
        byte[] body = new byte[0];
        /** Header lines written verbatim (may hold bytes no header API would let through). */
        final List<byte[]> rawHeaderLines = new ArrayList<>();

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Request rawHeader(byte[] line) {
            rawHeaderLines.add(line);
            return this;
        }

        Request body(String contentType, byte[] bytes) {
            if (contentType != null) header("Content-Type", contentType);
            body = bytes;
            return this;
        }

        Request body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        String header(String name) {
            for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
            return null;
        }

        /** For reports: method, target and the interesting headers, each cut to a readable length. */
        String summary() {
            StringBuilder sb = new StringBuilder(method).append(' ').append(Text.cut(target, 160));
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase("Authorization") && h[1].startsWith("Bearer ey"))
                    continue; // the valid admin token
                sb.append(" | ").append(h[0]).append(": ").append(Text.cut(Text.visible(h[1]), 80));
            }
            for (byte[] line : rawHeaderLines)
                sb.append(" | ").append(Text.cut(Text.visible(new String(line, StandardCharsets.ISO_8859_1)), 80));
            if (body.length > 0)
                sb.append(" | body (")
                        .append(body.length)
                        .append(" B): ")
                        .append(Text.cut(Text.visible(new String(body, StandardCharsets.UTF_8)), 160));
            return sb.toString();
        }
    }

    /** The answer: status (-1 when there was none), headers (names lower-cased), body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            String ct = header("content-type");
            return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
        }

        String summary() {
            if (status < 0) return "no answer: " + failure;
            return status + " " + Text.cut(contentType(), 40) + " " + Text.cut(Text.visible(text()), 300)
                    + (failure == null ? "" : " (then: " + failure + ")");
        }
    }

    /** How long an answer may take before the request counts as unanswered. */
    static final int READ_TIMEOUT_MILLIS = 6_000;

    /**
     * Sends the request while reading the answer on another thread: a server that answers before it has read
     * everything (413, 431) and then resets the connection must not make the answer get lost.
     */
    Answer send(Request r) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5_000);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = s.getInputStream();
            java.util.concurrent.CompletableFuture<Answer> answer = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> answer.complete(read(in)));
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((r.method + " " + r.target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.writeBytes(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (String[] h : r.headers)
                head.writeBytes((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (byte[] line : r.rawHeaderLines) {
                head.writeBytes(line);
                head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            boolean hasLength = r.header("Content-Length") != null || r.header("Transfer-Encoding") != null;
            if (!hasLength && (r.body.length > 0 || !r.method.equals("GET") && !r.method.equals("DELETE"))) {
                head.writeBytes(("Content-Length: " + r.body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(head.toByteArray());
                out.write(r.body);
                out.flush();
            } catch (IOException refusedEarly) {
                // The server answered and closed before taking everything (e.g. 413/431): its answer is being read.
            }
            try {
                return answer.get(READ_TIMEOUT_MILLIS + 5_000L, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return new Answer(-1, Map.of(), new byte[0], e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, Map.of(), new byte[0], e.toString());
            }
        } catch (IOException e) {
            return new Answer(-1, Map.of(), new byte[0], e.toString());
        }
    }

    private static Answer read(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String failure = null;
        try {
            in.transferTo(all);
        } catch (IOException e) {
            failure = e.toString();
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0)
            return new Answer(
                    -1, Map.of(), bytes, failure != null ? failure : "incomplete answer (" + bytes.length + " bytes)");
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status;
        try {
            status = Integer.parseInt(lines[0].split(" ")[1]);
        } catch (RuntimeException e) {
            return new Answer(-1, Map.of(), bytes, "unreadable status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) body = dechunk(body);
        return new Answer(status, headers, body, failure);
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int eol = indexOf(in, new byte[] {'\r', '\n'}, i);
            if (eol < 0) break;
            String sizeText = new String(in, i, eol - i, StandardCharsets.ISO_8859_1).trim();
            int semi = sizeText.indexOf(';');
            if (semi >= 0) sizeText = sizeText.substring(0, semi);
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) break;
            int start = eol + 2;
            out.write(in, start, Math.min(size, in.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
