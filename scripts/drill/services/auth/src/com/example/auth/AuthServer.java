package com.example.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** auth: issues HMAC-signed tokens and verifies them. Logs through java.util.logging's defaults. */
public final class AuthServer {
    private static final Logger LOG = Logger.getLogger(AuthServer.class.getName());
    private static final Pattern FIELD = Pattern.compile("\"(user|token)\"\\s*:\\s*\"([^\"]*)\"");
    private static final byte[] SECRET = "drill-signing-key".getBytes(StandardCharsets.UTF_8);

    private AuthServer() {}

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Properties build = new Properties();
        try (InputStream in = AuthServer.class.getResourceAsStream("/build.properties")) {
            if (in != null) build.load(in);
        }
        String version = build.getProperty("version", "unknown");
        int port = Integer.parseInt(System.getenv("PORT"));
        LOG.info("Starting auth-service " + version + " (pid " + ProcessHandle.current().pid() + ")");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/api/auth/login", AuthServer::login);
        server.createContext("/api/auth/verify", AuthServer::verify);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1), "shutdown"));
        LOG.info(String.format("auth-service %s listening on 127.0.0.1:%d (started in %d ms)",
                version, port, (System.nanoTime() - started) / 1_000_000));
    }

    private static String sign(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            byte[] sig = mac.doFinal(user.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String body, String name) {
        Matcher m = FIELD.matcher(body);
        while (m.find()) if (m.group(1).equals(name)) return m.group(2);
        return null;
    }

    private static void login(HttpExchange ex) throws IOException {
        String user = field(read(ex), "user");
        if (user == null || user.isEmpty()) {
            LOG.warning("Login rejected: no user in request from " + ex.getRemoteAddress());
            reply(ex, 400, "{\"error\":\"user required\"}");
            return;
        }
        reply(ex, 200, "{\"token\":\"" + user + "." + sign(user) + "\"}");
    }

    private static void verify(HttpExchange ex) throws IOException {
        String token = field(read(ex), "token");
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0) {
            reply(ex, 401, "{\"valid\":false}");
            return;
        }
        String user = token.substring(0, dot);
        if (!sign(user).equals(token.substring(dot + 1))) {
            LOG.log(Level.WARNING, "Token signature mismatch for user {0}", user);
            reply(ex, 401, "{\"valid\":false}");
            return;
        }
        reply(ex, 200, "{\"valid\":true,\"user\":\"" + user + "\"}");
    }

    private static String read(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
