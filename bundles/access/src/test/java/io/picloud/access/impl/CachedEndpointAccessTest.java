package io.picloud.access.impl;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptOwner;
import io.picloud.api.control.EndpointAccess.Decision;
import io.picloud.api.control.KeyAuthenticator;
import org.junit.Test;

public class CachedEndpointAccessTest {
    private final Fakes.Scripts fake = new Fakes.Scripts();
    private final KeyAuthenticator noKeys = (key, address) -> Optional.empty();

    @Test
    public void aFloodOfRandomNamesCostsNoStoreRead() {
        fake.owners.put("secret", new ScriptOwner("secret", 1, "alice", ScriptAccess.KEY));
        CachedEndpointAccess access = new CachedEndpointAccess(fake.store, noKeys,
                new ScriptNameIndex(fake.store, true));
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Decision.ALLOW, access.check("random-" + i, null));
        }
        assertEquals(0, fake.calls("owner"));
        assertEquals(Decision.UNAUTHENTICATED, access.check("secret", null));
        assertEquals(Decision.UNAUTHENTICATED, access.check("secret", "bogus"));
        assertEquals(1, fake.calls("owner"));
    }

    @Test
    public void aNewScriptIsSeenAtOnceAndItsAccessChangeToo() {
        CachedEndpointAccess access = new CachedEndpointAccess(fake.store, noKeys,
                new ScriptNameIndex(fake.store, true));
        assertEquals(Decision.ALLOW, access.check("later", null));
        fake.add("later", new ScriptOwner("later", 1, "alice", ScriptAccess.KEY));
        assertEquals(Decision.UNAUTHENTICATED, access.check("later", null));
        fake.add("later", new ScriptOwner("later", 1, "alice", ScriptAccess.PUBLIC));
        assertEquals(Decision.ALLOW, access.check("later", null));
        assertEquals(2, fake.calls("owner"));
    }

    @Test
    public void theCacheStaysBoundedWithoutDroppingTheScriptInUse() {
        for (int i = 0; i < CachedEndpointAccess.MAX_CACHED + 5000; i++) {
            fake.owners.put("s" + i, new ScriptOwner("s" + i, 1, "alice", ScriptAccess.PUBLIC));
        }
        CachedEndpointAccess access = new CachedEndpointAccess(fake.store, noKeys,
                new ScriptNameIndex(fake.store, true));
        for (int i = 0; i < CachedEndpointAccess.MAX_CACHED + 5000; i++) {
            access.check("s" + i, null);
            access.check("s0", null);
        }
        assertEquals("s0 read once, every other script once", CachedEndpointAccess.MAX_CACHED + 5000,
                fake.calls("owner"));
    }
}
