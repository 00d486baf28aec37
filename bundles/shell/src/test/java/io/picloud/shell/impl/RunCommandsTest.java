package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.picloud.api.Run;
import io.picloud.api.RunStore;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RunService;
import org.junit.Test;

/** picloud:runs, run, dead-letters, replay and dead-letter-delete over the RunService. */
public class RunCommandsTest {
    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final FakeRuns runs = new FakeRuns();

    static Run run(long id, String status, Run.RunError error) {
        return new Run(id, "job", "cron", "every-minute", null, status, 3, 3, T, T, T, null, Map.of("n", 1L), null,
                error, List.of("hello"), List.of(new Run.RunAttempt(1, "node-a", T, T, "failed", error, null)), null,
                null, null);
    }

    static final class FakeRuns implements RunService {
        final List<String> calls = new ArrayList<>();
        Map<String, Object> replayedWith;

        @Override
        public RunStore.Submitted submit(Principal p, String script, Map<String, Object> payload, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run get(Principal p, long id) {
            calls.add("get " + id + " " + p.username());
            if (id != 7) {
                throw OperationException.notFound("no run with id " + id);
            }
            return run(7, Run.DEAD, new Run.RunError("ErrorRuntime", "boom", 2, 3));
        }

        @Override
        public List<Run> list(Principal p, String script, String status, long before, int limit) {
            calls.add("list " + script + " " + status + " " + limit);
            return List.of(run(7, Run.SUCCEEDED, null));
        }

        @Override
        public List<Run> deadLetters(Principal p, String script, Boolean replayed, long before, int limit) {
            calls.add("dead " + script + " " + replayed);
            return List.of(run(7, Run.DEAD, new Run.RunError("ErrorRuntime", "boom", 2, 3)));
        }

        @Override
        public Run deadLetter(Principal p, long id) {
            return get(p, id);
        }

        @Override
        public Run replay(Principal p, long id, Map<String, Object> payload) {
            get(p, id);
            replayedWith = payload;
            return run(8, Run.QUEUED, null);
        }

        @Override
        public void delete(Principal p, long id) {
            get(p, id);
            calls.add("delete " + id);
        }
    }

    private <C extends ControlCommand> C wired(C c) {
        session.put("USER", "vic");
        return Fakes.wire(c, principals, session);
    }

    @Test
    public void runsAndDeadLettersAreTables() {
        RunsCommand list = wired(new RunsCommand());
        list.runs = runs;
        list.script = "job";
        list.status = "succeeded";
        Fakes.Run out = Fakes.run(list);
        assertNull(out.message());
        assertTrue(out.out(), out.out().contains("job") && out.out().contains("3/3") && out.out().contains("cron"));
        assertEquals("list job succeeded 20", runs.calls.get(0));

        DeadLettersCommand dead = wired(new DeadLettersCommand());
        dead.runs = runs;
        dead.pending = true;
        Fakes.Run d = Fakes.run(dead);
        assertTrue(d.out(), d.out().contains("ErrorRuntime: boom"));
        assertEquals("dead null false", runs.calls.get(1));
    }

    @Test
    public void runShowsThePayloadErrorAndEveryAttempt() {
        RunCommand show = wired(new RunCommand());
        show.runs = runs;
        show.id = 7;
        Fakes.Run out = Fakes.run(show);
        assertNull(out.message());
        assertTrue(out.out(), out.out().contains("payload   {\"n\":1}"));
        assertTrue(out.out(), out.out().contains("error     [2:3] ErrorRuntime: boom"));
        assertTrue(out.out(), out.out().contains("attempt 1 failed on node-a"));
        assertTrue(out.out(), out.out().contains("output    hello"));
        assertEquals("get 7 vic", runs.calls.get(0));
        show.id = 9;
        assertTrue(Fakes.run(show).message().contains("o run with id 9"));
    }

    @Test
    public void replayTakesAnEditedPayloadAndDeleteRemoves() {
        ReplayCommand replay = wired(new ReplayCommand());
        replay.runs = runs;
        replay.id = 7;
        replay.payload = "{\"n\": 2}";
        Fakes.Run out = Fakes.run(replay);
        assertNull(out.message());
        assertTrue(out.out(), out.out().contains("queued again as run 8"));
        assertEquals(2L, runs.replayedWith.get("n"));
        replay.payload = "[1]";
        assertTrue(Fakes.run(replay).message().contains("must be a JSON object"));
        replay.payload = "{";
        assertTrue(Fakes.run(replay).message().contains("is not JSON"));
        replay.payload = null;
        assertNull(Fakes.run(replay).message());
        assertNull("its own payload", runs.replayedWith);

        DeadLetterDeleteCommand delete = wired(new DeadLetterDeleteCommand());
        delete.runs = runs;
        delete.id = 7;
        assertTrue(Fakes.run(delete).out().contains("Dead letter 7 removed"));
        assertTrue(runs.calls.contains("delete 7"));
    }
}
