package io.picloud.store.impl;

import io.picloud.api.InvocationId;
import io.picloud.api.InvocationRecord;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of invocation records, newest first, read out of {@code invocation_batches} rows. For one script the
 * order is by start time: batches are read newest first (by their newest start) until no unread batch can hold a
 * run newer than the page's last one. For all scripts it is arrival order: batches by id, runs within a batch last
 * first.
 */
final class InvocationPages {
    private static final String COLUMNS = "version, trigger, started_at, duration_us, status, error_kind, "
            + "error_message, output, operations, newest_start, script, source, error_line, error_column, id, ref";
    private static final String OF_SCRIPT = "SELECT " + COLUMNS
            + " FROM invocation_batches WHERE script = ? ORDER BY newest_start DESC, id DESC";
    private static final String OF_ALL = "SELECT " + COLUMNS + " FROM invocation_batches ORDER BY id DESC";
    private static final int BATCHES_PER_FETCH = 8;
    private static final Comparator<InvocationRecord> NEWEST_FIRST =
            Comparator.comparing(InvocationRecord::start).reversed();

    private final Function<String, List<String>> output;

    /** {@code output}: a run's printed lines from the JSON text stored for it (null: none). */
    InvocationPages(Function<String, List<String>> output) {
        this.output = output;
    }

    /** Records {@code offset} to {@code offset + limit} (exclusive) of {@code script}, or of all scripts (null). */
    List<InvocationRecord> read(Connection c, String script, int limit, int offset) throws SQLException {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
        List<InvocationRecord> page = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // lets the driver fetch batches a few at a time
        try (PreparedStatement ps = c.prepareStatement(script == null ? OF_ALL : OF_SCRIPT)) {
            ps.setFetchSize(BATCHES_PER_FETCH);
            if (script != null) {
                ps.setString(1, script);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && !complete(page, wanted, script == null ? null : instant(rs.getTimestamp(10)))) {
                    addRuns(rs, page);
                    if (script != null) {
                        page.sort(NEWEST_FIRST); // stable: ties stay in batch order, then last run first
                    }
                    if (page.size() > wanted) {
                        page.subList(wanted, page.size()).clear();
                    }
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return page.subList(Math.min(offset, page.size()), page.size());
    }

    /**
     * Whether the page is final: it has its {@code wanted} runs, and (by start time) the next batch, whose runs all
     * started at or before {@code nextNewest}, cannot hold a newer one.
     */
    private static boolean complete(List<InvocationRecord> page, int wanted, Instant nextNewest) {
        if (page.size() < wanted) {
            return false;
        }
        return nextNewest == null || page.get(wanted - 1).start().isAfter(nextNewest);
    }

    /** Adds the runs of the current batch row, last run first. */
    private void addRuns(ResultSet rs, List<InvocationRecord> page) throws SQLException {
        Integer[] versions = array(rs.getArray(1), Integer[].class);
        String[] triggers = array(rs.getArray(2), String[].class);
        Timestamp[] starts = array(rs.getArray(3), Timestamp[].class);
        Long[] durations = array(rs.getArray(4), Long[].class);
        String[] statuses = array(rs.getArray(5), String[].class);
        String[] kinds = array(rs.getArray(6), String[].class);
        String[] messages = array(rs.getArray(7), String[].class);
        String[] outputs = array(rs.getArray(8), String[].class);
        Long[] operations = array(rs.getArray(9), Long[].class);
        String script = rs.getString(11);
        Array sourceArray = rs.getArray(12); // null in batches written before schema 5
        String[] sources = sourceArray == null ? new String[versions.length] : array(sourceArray, String[].class);
        Integer[] lines = positions(rs.getArray(13), versions.length);
        Integer[] columns = positions(rs.getArray(14), versions.length);
        long batch = rs.getLong(15);
        Array refArray = rs.getArray(16); // null in batches written before schema 7
        String[] refs = refArray == null ? new String[versions.length] : array(refArray, String[].class);
        for (int i = versions.length - 1; i >= 0; i--) {
            page.add(new InvocationRecord(script, versions[i], triggers[i], instant(starts[i]), durations[i],
                    statuses[i], kinds[i], messages[i], output.apply(outputs[i]), operations[i], sources[i],
                    lines[i], columns[i], new InvocationId(batch, i + 1).toString(), refs[i]));
        }
    }

    /** Error lines or columns; zeros in batches written before schema 6. */
    private static Integer[] positions(Array array, int runs) throws SQLException {
        if (array == null) {
            Integer[] none = new Integer[runs];
            java.util.Arrays.fill(none, 0);
            return none;
        }
        return array(array, Integer[].class);
    }

    private static <T> T array(Array array, Class<T> type) throws SQLException {
        return type.cast(array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
