package io.picloud.dashboard.impl;

import java.util.Locale;

/** Whether an {@code Accept-Encoding} header takes gzip (RFC 9110 12.5.3: a q of 0 refuses; {@code *} stands for any). */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean wildcard = null;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean accepted = quality(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return accepted;
            }
            if (coding.equals("*")) {
                wildcard = accepted;
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0; // a malformed weight: not an acceptance
                }
            }
        }
        return 1;
    }
}
