package io.picloud.host.http.impl;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Collects one answer's body up to {@code maxBytes}: an announced {@code Content-Length} beyond it aborts the exchange
 * before any byte of the body is read, and so does the first chunk that would pass it, so no more than
 * {@code maxBytes} (plus one network buffer) is ever held. Completes {@link #done} with Jetty's result.
 */
final class BodyCollector implements Response.Listener {
    final CompletableFuture<Result> done = new CompletableFuture<>();
    private final int maxBytes;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean aborted;

    BodyCollector(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void onHeaders(Response response) {
        long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length > maxBytes) {
            tooLarge(response, "announces " + length + " bytes, more");
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        if (aborted) {
            return;
        }
        int n = content.remaining();
        if (body.size() + (long) n > maxBytes) {
            tooLarge(response, "has more");
            return;
        }
        byte[] chunk = new byte[n];
        content.get(chunk);
        body.write(chunk, 0, n);
    }

    private void tooLarge(Response response, String what) {
        aborted = true;
        response.abort(new GuardException("ResponseTooLarge", "the answer " + what + " than the " + maxBytes
                + " bytes a script may receive (maxResponseBytes)"));
    }

    @Override
    public void onComplete(Result result) {
        done.complete(result);
    }

    /** The body, once {@link #done} completed (which orders it after every {@code onContent}). */
    byte[] body() {
        return body.toByteArray();
    }
}
