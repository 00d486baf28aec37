package io.picloud.trigger.webhook.impl;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * The signature schemes a webhook binding can require. Each checks the raw request body against the binding's
 * secret with HMAC-SHA256 and compares in constant time. {@link #verify} returns null when the request is
 * authentic, else a reason for the log (never the secret or the expected signature).
 */
enum Preset {
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC of the body>}. */
    GITHUB {
        @Override
        String verify(Request request, WebhookConfig config, long nowSeconds) {
            String header = request.header("x-hub-signature-256");
            if (header == null) {
                return "missing X-Hub-Signature-256 header";
            }
            if (!header.startsWith("sha256=")) {
                return "X-Hub-Signature-256 does not start with sha256=";
            }
            return equalHex(header.substring(7), hmac(config.secret(), request.body())) ? null
                    : "signature mismatch";
        }
    },
    /**
     * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC of "t.body">[,v1=...]}; any v1 may match; the
     * timestamp must be within the tolerance.
     */
    STRIPE {
        @Override
        String verify(Request request, WebhookConfig config, long nowSeconds) {
            String header = request.header("stripe-signature");
            if (header == null) {
                return "missing Stripe-Signature header";
            }
            String timestamp = null;
            java.util.List<String> signatures = new java.util.ArrayList<>();
            for (String part : header.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = part.substring(0, eq).trim();
                String value = part.substring(eq + 1).trim();
                if (key.equals("t")) {
                    timestamp = value;
                } else if (key.equals("v1")) {
                    signatures.add(value);
                }
            }
            if (timestamp == null || signatures.isEmpty()) {
                return "Stripe-Signature lacks t= or v1=";
            }
            String stale = checkTime(timestamp, nowSeconds, config.toleranceSeconds());
            if (stale != null) {
                return stale;
            }
            byte[] expected = hmac(config.secret(), concat(timestamp + ".", request.body()));
            boolean match = false;
            for (String signature : signatures) {
                match |= equalHex(signature, expected);     // no early exit: time does not depend on position
            }
            return match ? null : "signature mismatch";
        }
    },
    /**
     * Slack: {@code X-Slack-Request-Timestamp: <unix seconds>} and {@code X-Slack-Signature: v0=<hex HMAC of
     * "v0:timestamp:body">}; the timestamp must be within the tolerance.
     */
    SLACK {
        @Override
        String verify(Request request, WebhookConfig config, long nowSeconds) {
            String timestamp = request.header("x-slack-request-timestamp");
            String signature = request.header("x-slack-signature");
            if (timestamp == null || signature == null) {
                return "missing X-Slack-Request-Timestamp or X-Slack-Signature header";
            }
            if (!signature.startsWith("v0=")) {
                return "X-Slack-Signature does not start with v0=";
            }
            String stale = checkTime(timestamp, nowSeconds, config.toleranceSeconds());
            if (stale != null) {
                return stale;
            }
            byte[] expected = hmac(config.secret(), concat("v0:" + timestamp + ":", request.body()));
            return equalHex(signature.substring(3), expected) ? null : "signature mismatch";
        }
    },
    /** Any sender: the configured header holds the hex HMAC-SHA256 of the body, optionally prefixed {@code sha256=}. */
    GENERIC {
        @Override
        String verify(Request request, WebhookConfig config, long nowSeconds) {
            String header = request.header(config.header().toLowerCase(Locale.ROOT));
            if (header == null) {
                return "missing " + config.header() + " header";
            }
            String hex = header.startsWith("sha256=") ? header.substring(7) : header;
            return equalHex(hex, hmac(config.secret(), request.body())) ? null : "signature mismatch";
        }
    };

    /** The parts of a request a preset reads. Header names are lower-case. */
    record Request(Map<String, ?> headers, byte[] body) {
        String header(String lowerCaseName) {
            Object value = headers.get(lowerCaseName);
            return value == null ? null : value.toString().trim();
        }
    }

    abstract String verify(Request request, WebhookConfig config, long nowSeconds);

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static String checkTime(String timestamp, long nowSeconds, long tolerance) {
        long t;
        try {
            t = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        return Math.abs(nowSeconds - t) > tolerance ? "timestamp outside the " + tolerance + " s tolerance" : null;
    }

    /** Constant-time comparison of a received hex signature with the expected MAC. */
    static boolean equalHex(String receivedHex, byte[] expected) {
        byte[] received = decodeHex(receivedHex.trim());
        // MessageDigest.isEqual is constant-time for equal lengths; the length is no secret
        return received != null && MessageDigest.isEqual(received, expected);
    }

    private static byte[] decodeHex(String hex) {
        if (hex.length() % 2 != 0 || hex.length() > 256) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
