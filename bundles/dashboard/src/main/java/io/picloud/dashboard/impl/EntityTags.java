package io.picloud.dashboard.impl;

/** {@code If-None-Match} against entity tags: the weak comparison RFC 9110 prescribes for it. */
final class EntityTags {
    private EntityTags() {
    }

    /** True when {@code ifNoneMatch} is {@code *} or lists one of {@code tags} (weak or strong). */
    static boolean matches(String ifNoneMatch, String... tags) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            for (String known : tags) {
                if (tag.equals(known)) {
                    return true;
                }
            }
        }
        return false;
    }
}
