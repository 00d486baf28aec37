package io.picloud.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The baseline of the HTTP load run: a bare Jetty 12 handler answering the same bytes as the hello-world script
 * endpoint. Usage: {@code java -cp benchmarks.jar io.picloud.benchmarks.BareJettyServer [port] [body] [blocking]}.
 * By default the handler is non-blocking, so Jetty runs it on the thread that read the request; with
 * {@code blocking} it is a plain {@code Handler.Abstract}, the kind any handler that may wait (reads a body, runs a
 * script) must be, which Jetty hands to a worker thread. Its connector is PiCloud's: one acceptor and one selector
 * (I/O thread) per core, so that both servers get the same threads to read, parse and, inline, answer with.
 */
public final class BareJettyServer {
    private BareJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        byte[] body = (args.length > 1 ? args[1] : "Hello, world!").getBytes(StandardCharsets.UTF_8);
        boolean blocking = args.length > 2 && "blocking".equals(args[2]);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, Runtime.getRuntime().availableProcessors(),
                new HttpConnectionFactory(new HttpConfiguration()));
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(blocking ? new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return answer(response, callback, body);
            }
        } : new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return answer(response, callback, body);
            }
        });
        server.start();
        System.out.println("bare Jetty " + Server.getVersion() + (blocking ? " (blocking handler)" : "")
                + " listening on " + port);
        server.join();
    }

    private static boolean answer(Response response, Callback callback, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
