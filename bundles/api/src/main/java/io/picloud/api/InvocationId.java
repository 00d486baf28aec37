package io.picloud.api;

/**
 * Where a run is kept in the invocation log: its write batch and its 1-based place in it (the view
 * {@code invocations} shows both as {@code batch} and {@code run}). Written {@code "<batch>.<run>"}; ids grow in
 * the order the log received the runs.
 */
public record InvocationId(long batch, int run) implements Comparable<InvocationId> {
    public InvocationId {
        if (batch < 1 || run < 1) {
            throw new IllegalArgumentException("batch and run are positive");
        }
    }

    /** The id written as {@code "<batch>.<run>"}; null when {@code text} is not one. */
    public static InvocationId parse(String text) {
        if (text == null) {
            return null;
        }
        int dot = text.indexOf('.');
        if (dot < 1 || dot == text.length() - 1) {
            return null;
        }
        try {
            long batch = Long.parseLong(text.substring(0, dot));
            int run = Integer.parseInt(text.substring(dot + 1));
            return batch > 0 && run > 0 && text.equals(batch + "." + run) ? new InvocationId(batch, run) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(InvocationId o) {
        int byBatch = Long.compare(batch, o.batch);
        return byBatch != 0 ? byBatch : Integer.compare(run, o.run);
    }

    @Override
    public String toString() {
        return batch + "." + run;
    }
}
