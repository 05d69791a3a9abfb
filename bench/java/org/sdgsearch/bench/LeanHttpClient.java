package org.sdgsearch.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 GET client on one kept-alive connection, as load tools such as wrk use: the request
 * is written and the response read on the calling thread. The JDK's {@code java.net.http} client hands every
 * response over between its own threads, which on a 2-core machine shared with the server added about 2 ms of the
 * driver's own time to each request (measured: the server's request mean 10.0 ms, the JDK driver's 12.1 ms, curl
 * on a kept-alive connection 0.1 ms over the server's). Reads a {@code Content-Length} or chunked body.
 */
final class LeanHttpClient implements Closeable {

    /** A response: status code and body. */
    record Response(int status, byte[] body) {
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LeanHttpClient(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** GETs {@code pathAndQuery} (already URL-encoded), reconnecting once if the kept-alive connection was closed. */
    Response get(String pathAndQuery) throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean reused = socket != null;
            try {
                connect();
                out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                if (!reused || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 16 * 1024);
        if (chunked) {
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String t = line(); !t.isEmpty(); t = line()) {
                        // trailers: none expected
                    }
                    break;
                }
                copy(n, body);
                line(); // the CRLF after the chunk
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            in.transferTo(body); // no length: the body ends with the connection
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body.toByteArray());
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("connection closed in the body");
            }
            to.write(buf, 0, r);
            n -= r;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
