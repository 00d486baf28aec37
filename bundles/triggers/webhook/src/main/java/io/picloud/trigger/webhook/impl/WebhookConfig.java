package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated webhook binding configuration. {@link #toString()} masks the secret. */
record WebhookConfig(String path, Preset preset, String secret, String header, long toleranceSeconds) {
    static final Set<String> FIELDS = Set.of("path", "preset", "secret", "header", "tolerance");
    static final int MIN_SECRET = 8;
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,127}(/[A-Za-z0-9._~-]{1,128}){0,7}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"required\":[\"path\",\"secret\"],\"additionalProperties\":false,\"properties\":{"
            + "\"path\":{\"type\":\"string\",\"pattern\":\"" + PATH.pattern().replace("\\", "\\\\") + "\","
            + "\"description\":\"served at /hooks/{path}\"},"
            + "\"preset\":{\"enum\":[\"github\",\"stripe\",\"slack\",\"generic\"],\"default\":\"generic\","
            + "\"description\":\"signature scheme of the sender\"},"
            + "\"secret\":{\"type\":\"string\",\"minLength\":" + MIN_SECRET + ",\"writeOnly\":true,"
            + "\"description\":\"shared HMAC secret (the signing secret of GitHub, Stripe or Slack)\"},"
            + "\"header\":{\"type\":\"string\",\"default\":\"X-Signature\",\"description\":\"generic preset: "
            + "header holding the hex HMAC-SHA256 of the body\"},"
            + "\"tolerance\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":86400,\"default\":300,"
            + "\"description\":\"stripe and slack presets: accepted clock difference in seconds\"}}}";

    static WebhookConfig of(Map<String, Object> config) throws TriggerConfigException {
        TriggerConfigs.onlyKnown(config, FIELDS);
        String path = TriggerConfigs.string(config, "path", null);
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (!PATH.matcher(path).matches()) {
            throw new TriggerConfigException("path", "must be letters, digits, '.', '_', '~', '-' in up to 8 "
                    + "segments separated by '/'");
        }
        String presetId = TriggerConfigs.oneOf(config, "preset", "generic",
                Set.of("github", "stripe", "slack", "generic"));
        Preset preset = Preset.valueOf(presetId.toUpperCase(Locale.ROOT));
        Object rawSecret = config.get("secret");
        if (!(rawSecret instanceof String) || ((String) rawSecret).isEmpty()) {
            throw new TriggerConfigException("secret", "is required (a string)");
        }
        String secret = (String) rawSecret;
        if (secret.length() < MIN_SECRET) {
            throw new TriggerConfigException("secret", "must have at least " + MIN_SECRET + " characters");
        }
        String header = TriggerConfigs.string(config, "header", "X-Signature");
        if (!HEADER.matcher(header).matches()) {
            throw new TriggerConfigException("header", "must be an HTTP header name");
        }
        long tolerance = TriggerConfigs.integer(config, "tolerance", 300, 1, 86_400);
        return new WebhookConfig(path, preset, secret, header, tolerance);
    }

    @Override
    public String toString() {
        return "WebhookConfig[path=" + path + ", preset=" + preset.id() + ", secret=***, header=" + header
                + ", tolerance=" + toleranceSeconds + "]";
    }
}
