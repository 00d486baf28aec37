package io.picloud.host.http.impl;

import io.picloud.rhai.json.RhaiJson;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An answer as the script sees it: {@code #{ status, headers, body, json }}. Header names are lower case, repeated
 * headers joined with {@code ", "}. The body is a string when the answer is text (a {@code text/*}, JSON, XML,
 * JavaScript or form content type, or a {@code charset}; without a content type, when it is valid UTF-8), else a
 * BLOB. {@code json} is the parsed body when the content type is JSON ({@code application/json},
 * {@code *+json}) and it parses, else {@code ()}.
 */
final class Answers {
    private Answers() {
    }

    static Map<String, Object> toMap(int status, HttpFields headers, byte[] body) {
        Map<String, String> names = new LinkedHashMap<>();
        for (HttpField f : headers) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            String value = f.getValue() == null ? "" : f.getValue();
            names.merge(name, value, (a, b) -> a + ", " + b);
        }
        String contentType = names.getOrDefault("content-type", "");
        Object content = bodyOf(contentType, body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", (long) status);
        answer.put("headers", new LinkedHashMap<String, Object>(names));
        answer.put("body", content);
        answer.put("json", isJson(contentType) && content instanceof String text ? RhaiJson.parseOrNull(text) : null);
        return answer;
    }

    static Object bodyOf(String contentType, byte[] body) {
        String type = mediaType(contentType);
        Charset charset = charset(contentType);
        if (charset != null) {
            return new String(body, charset);
        }
        if (type.isEmpty()) {
            String text = utf8OrNull(body);
            return text != null ? text : body;
        }
        if (isText(type)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return body;
    }

    static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static boolean isText(String type) {
        return type.startsWith("text/") || isJson(type) || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/javascript") || type.equals("application/x-www-form-urlencoded");
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return null;
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
