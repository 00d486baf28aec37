package io.picloud.access.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptOwner;
import org.junit.Test;

public class ScriptNameIndexTest {
    private static ScriptOwner owner(String name) {
        return new ScriptOwner(name, 1, "alice", ScriptAccess.PUBLIC);
    }

    @Test
    public void readsTheNamesOnceAndAnswersUnknownNamesFromMemory() {
        Fakes.Scripts fake = new Fakes.Scripts();
        fake.owners.put("hello", owner("hello"));
        ScriptNameIndex index = new ScriptNameIndex(fake.store, true);
        for (int i = 0; i < 1000; i++) {
            assertFalse(index.mayExist("random-" + i));
        }
        assertTrue(index.mayExist("hello"));
        assertFalse(index.mayExist("../etc"));
        assertEquals(1, fake.calls("list"));
        assertEquals(java.util.Set.of("list", "addChangeListener"), fake.calls.keySet());
    }

    @Test
    public void learnsNewScriptsFromTheChangeNotifications() {
        Fakes.Scripts fake = new Fakes.Scripts();
        ScriptNameIndex index = new ScriptNameIndex(fake.store, true);
        assertFalse(index.mayExist("fresh"));
        fake.add("fresh", owner("fresh"));
        assertTrue(index.mayExist("fresh"));
        assertEquals(1, fake.calls("list"));
    }

    @Test
    public void everyNameMayExistWhileTheNamesCouldNotBeRead() {
        Fakes.Scripts fake = new Fakes.Scripts();
        fake.down = true;
        ScriptNameIndex index = new ScriptNameIndex(fake.store, true);
        assertTrue(index.mayExist("anything"));
        assertTrue(index.mayExist("else"));
        assertEquals("no retry before the pause", 1, fake.calls("list"));
    }

    @Test
    public void aChangeReportedAfterAFailedReadReadsTheNamesAtOnce() {
        Fakes.Scripts fake = new Fakes.Scripts();
        fake.down = true;
        ScriptNameIndex index = new ScriptNameIndex(fake.store, true);
        fake.down = false;
        fake.add("fresh", owner("fresh"));      // the store works again: no waiting for the retry pause
        assertFalse(index.mayExist("random-1"));
        assertTrue(index.mayExist("fresh"));
        assertEquals(2, fake.calls("list"));
    }

    @Test
    public void aStoreThatDoesNotReportChangesIsNotTrusted() {
        Fakes.Scripts fake = new Fakes.Scripts();
        ScriptNameIndex index = new ScriptNameIndex(fake.store, false);
        assertTrue(index.mayExist("anything"));
        assertEquals(0, fake.calls("list"));
    }
}
