package io.picloud.http.server.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a raw socket, for what a well-behaved client would hide: a body written whole before the answer
 * is read, a body trickled, malformed requests. Every read waits at most {@link #READ_TIMEOUT_MILLIS}.
 */
final class RawHttp implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends one whole request (request line, headers, empty line) and reads the answer until the server closes. */
    static String exchange(int port, String request) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            return http.readUntilClosed();
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    boolean hasInput() throws IOException {
        return in.available() > 0;
    }

    /** Everything the server sends until it closes the connection (or a reset after some of it). */
    String readUntilClosed() throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no end of the answer within " + READ_TIMEOUT_MILLIS + " ms: " + answer, e);
        } catch (IOException e) {
            if (answer.size() == 0) {
                throw e;
            }
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    /** One answer with a Content-Length body, leaving the connection open. */
    String readAnswer() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /** The body of an answer: what follows the empty line. */
    static String body(String answer) {
        int at = answer.indexOf("\r\n\r\n");
        return at < 0 ? "" : answer.substring(at + 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
