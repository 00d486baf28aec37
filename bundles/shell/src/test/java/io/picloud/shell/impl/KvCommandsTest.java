package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.picloud.api.KvStore;
import io.picloud.api.control.KvService;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import org.junit.Test;

/** picloud:kv-get and picloud:kv-keys over the KvService: the shell user's principal, refusals as messages. */
public class KvCommandsTest {
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final FakeKv kv = new FakeKv();

    /** One namespace "counter" with two entries. */
    static final class FakeKv implements KvService {
        final List<Principal> callers = new ArrayList<>();
        final List<KvStore.Entry> entries = List.of(
                new KvStore.Entry("page:home", "42", null, Instant.parse("2026-12-03T12:00:00Z")),
                new KvStore.Entry("page:x", "{\"long\": \"" + "y".repeat(80) + "\"}",
                        Instant.parse("2026-12-04T00:00:00Z"), Instant.parse("2026-12-03T12:00:00Z")));

        private void known(Principal p, String namespace) {
            callers.add(p);
            if (!"counter".equals(namespace)) {
                throw OperationException.notFound("no script uses the kv namespace " + namespace);
            }
        }

        @Override
        public List<KvStore.Entry> list(Principal p, String namespace, String prefix, int limit) {
            known(p, namespace);
            return entries.stream().filter(e -> e.key().startsWith(prefix)).limit(limit).toList();
        }

        @Override
        public KvStore.Entry get(Principal p, String namespace, String key) {
            known(p, namespace);
            return entries.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow(() ->
                    OperationException.notFound("no key '" + key + "' in the kv namespace " + namespace));
        }

        @Override
        public KvStore.Entry put(Principal p, String namespace, String key, String json, Long ttlSeconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Principal p, String namespace, String key) {
            throw new UnsupportedOperationException();
        }
    }

    private KvGetCommand get(String namespace, String key) {
        KvGetCommand c = Fakes.wire(new KvGetCommand(), principals, session);
        c.kv = kv;
        c.namespace = namespace;
        c.key = key;
        return c;
    }

    @Test
    public void kvGetPrintsTheValueAndItsExpiry() {
        session.put("USER", "vic");
        Fakes.Run run = Fakes.run(get("counter", "page:home"));
        assertNull(run.message());
        assertTrue(run.out(), run.out().startsWith("42"));
        assertTrue(run.out(), run.out().contains("expires  never"));
        assertEquals("vic", kv.callers.get(0).username());
        Fakes.Run missing = Fakes.run(get("counter", "nope"));
        assertTrue(missing.message(), missing.message().contains("key 'nope' in the kv namespace counter"));
        assertTrue(Fakes.run(get("other", "k")).message().contains("script uses the kv namespace other"));
    }

    @Test
    public void kvKeysListsByPrefixWithValuesShortened() {
        KvKeysCommand c = Fakes.wire(new KvKeysCommand(), principals, session);
        c.kv = kv;
        c.namespace = "counter";
        c.prefix = "page:";
        Fakes.Run run = Fakes.run(c);
        assertNull(run.message());
        assertTrue(run.out(), run.out().contains("page:home") && run.out().contains("42"));
        assertTrue(run.out(), run.out().contains("...") && run.out().contains("2026-12-04 00:00:00Z"));
        c.limit = 1;
        assertTrue(Fakes.run(c).out().contains("page:home"));
        assertTrue(!Fakes.run(c).out().contains("page:x"));
    }
}
