package io.picloud.trigger.runtime.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.picloud.api.StoredBinding;
import io.picloud.api.control.RateLimiter;
import io.picloud.trigger.api.TriggerResult;
import org.junit.Test;

public class RequestLimitsTest {
    private final List<String> asked = new ArrayList<>();
    private final RequestLimits limits = new RequestLimits();

    private static StoredBinding binding(String type, String script) {
        return new StoredBinding("b", type, script, Map.of(), true, null);
    }

    private void refuseEverything() {
        limits.setLimiter(new RateLimiter() {
            @Override
            public Admission admitScript(String script) {
                asked.add(script);
                return new Admission(5);
            }

            @Override
            public boolean limits(String script) {
                return true;
            }

            @Override
            public Admission admitKey(long keyId) {
                return Admission.ADMITTED;
            }
        });
    }

    @Test
    public void requestBindingsAreLimitedOthersNot() {
        refuseEverything();
        TriggerResult refused = limits.refused(binding("webhook", "hook"));
        assertEquals(TriggerResult.RATE_LIMITED, refused.errorKind());
        assertEquals(5L, refused.value());
        assertEquals(TriggerResult.RATE_LIMITED, limits.refused(binding("http", "route")).errorKind());
        assertNull(limits.refused(binding("cron", "nightly")));
        assertNull(limits.refused(binding("mqtt", "sensor")));
        assertEquals(List.of("hook", "route"), asked);
        assertTrue(limits.mustTakeToken(binding("http", "route")));
        assertFalse(limits.mustTakeToken(binding("cron", "nightly")));
    }

    @Test
    public void withoutALimiterNothingIsLimited() {
        assertNull(limits.refused(binding("http", "route")));
        assertFalse(limits.mustTakeToken(binding("http", "route")));
    }
}
