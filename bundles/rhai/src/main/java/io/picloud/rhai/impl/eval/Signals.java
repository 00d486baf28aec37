package io.picloud.rhai.impl.eval;

/** Stackless control-flow signals (never visible to scripts or hosts). */
public final class Signals {
    private Signals() {
    }

    public static final class Break extends RuntimeException {
        final Object value;

        Break(Object value) {
            super(null, null, false, false);
            this.value = value;
        }

        public Object value() {
            return value;
        }

        /** A break with its value (for compiled functions, see {@link FnCompiler}). */
        static Break with(Object value) {
            return new Break(value);
        }
    }

    public static final class Continue extends RuntimeException {
        static final Continue INSTANCE = new Continue();

        private Continue() {
            super(null, null, false, false);
        }
    }

    public static final class Return extends RuntimeException {
        final Object value;

        Return(Object value) {
            super(null, null, false, false);
            this.value = value;
        }

        public Object value() {
            return value;
        }
    }

    /** {@code exit(value)}: ends the whole run with a value. */
    public static final class Exit extends RuntimeException {
        final Object value;

        public Exit(Object value) {
            super(null, null, false, false);
            this.value = value;
        }

        public Object value() {
            return value;
        }
    }
}
