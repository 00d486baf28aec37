package io.picloud.api;

import java.util.Locale;

/** Roles of control-plane users, from most to least privileged. */
public enum Role {
    /** Everything, including managing admins. */
    OWNER,
    /** Users, scripts and triggers. */
    ADMIN,
    /** Their own scripts and triggers. */
    DEVELOPER,
    /** Read only. */
    VIEWER;

    /** The lower-case name stored in the database and shown to clients. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** True when this role may change things (deploy, roll back, delete); viewers may only read. */
    public boolean canWrite() {
        return this != VIEWER;
    }
}
