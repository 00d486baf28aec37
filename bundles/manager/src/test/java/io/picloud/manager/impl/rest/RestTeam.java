package io.picloud.manager.impl.rest;

import io.picloud.api.Role;
import io.picloud.manager.impl.ControlPlane;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/**
 * The team most REST tests work with, on one throwaway database per test class: two developers (alice, bob), an
 * admin, a viewer and the bootstrap owner, each with an API key.
 */
abstract class RestTeam {
    static final String OWNER = ControlPlane.OWNER_KEY;
    static ControlPlane cp;
    static TestApi api;
    static String alice;
    static String bob;
    static String admin;
    static String viewer;

    @BeforeClass
    public static void startTeam() throws Exception {
        cp = new ControlPlane();
        api = new TestApi(cp);
        alice = cp.key(cp.user("alice", Role.DEVELOPER, null));
        bob = cp.key(cp.user("bob", Role.DEVELOPER, null));
        admin = cp.key(cp.user("adam", Role.ADMIN, null));
        viewer = cp.key(cp.user("vic", Role.VIEWER, null));
    }

    @AfterClass
    public static void stopTeam() throws Exception {
        cp.close();
    }
}
