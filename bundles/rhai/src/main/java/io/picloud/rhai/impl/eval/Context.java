package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RunControl;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.DataSizes;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The state of one run: limits and counters, output, the script's functions, host variables. */
public final class Context implements CallContext {
    private static final int CHECK_EVERY = 1024;

    public final Runtime rt;
    public final ScriptUnit unit;
    public final Limits limits;
    private final RunControl control;
    private final long deadline;
    private final long maxOps;
    public long ops;
    private long checkpoint;
    public int callDepth;
    private final int maxCallDepth;
    public final List<String> output = new ArrayList<>();
    /** The memory budget, its bookkeeping and the output caps (see {@link MemoryGuard}). */
    final MemoryGuard memory;
    /**
     * The innermost running frame (frames link to their callers), for the memory budget's count; kept up to date
     * by script calls only when there is a budget ({@link #linkFrames}): a field store and its GC barrier less
     * per call otherwise.
     */
    public Frame top;
    final boolean linkFrames;
    /** Calls after which a script function is compiled to bytecode ({@link FnCompiler}); 0: never. */
    private final int compileAfterCalls;
    public final Map<String, Object> dynVars = new HashMap<>();
    /** Names among {@link #dynVars} the host pushed as constants ({@link io.picloud.rhai.RunOptions}); null: none. */
    public java.util.Set<String> dynConstants;
    public final Map<String, Object> globalConstants = new HashMap<>();
    public final Map<String, Object> modules = new HashMap<>();
    public final Object hostData;
    /** Asked before a native blocks the thread ({@link #beforeBlocking}); null: natives may block. */
    public io.picloud.rhai.BlockingCheck blocking;
    /**
     * While a function runs with {@code f!()}: the caller's frame and its visible names, seen only at the call
     * depth of that function's body ({@link #bangDepth}), so that ordinary calls need not hide them.
     */
    public Frame bangFrame;
    public Map<String, Integer> bangNames;
    int bangDepth;
    /** The error being handled by the innermost catch block (for a bare {@code throw;}). */
    public EvalError caught;
    /** Caller variables shadowed by eval in a nested block: {frame, slot, old value}, undone at block end. */
    public final java.util.ArrayList<Object[]> evalShadows = new java.util.ArrayList<>();
    /** The receiver after the last script method call (copied back to the caller's place). */
    Object lastThis;

    public Context(Runtime rt, ScriptUnit unit, Limits limits, RunControl control, Object hostData) {
        this.rt = rt;
        this.unit = unit;
        this.limits = limits;
        this.control = control;
        this.hostData = hostData;
        this.maxOps = limits.maxOperations();
        this.maxCallDepth = limits.maxCallDepth();
        long t = limits.timeout() == null ? 0 : limits.timeout().toNanos();
        this.deadline = t > 0 ? System.nanoTime() + t : 0;
        this.checkpoint = maxOps > 0 ? Math.min(maxOps, CHECK_EVERY) : CHECK_EVERY;
        this.memory = MemoryGuard.of(this, limits);
        this.linkFrames = memory.on;
        this.compileAfterCalls = rt.compileAfterCalls;
    }

    @Override
    public void tick() {
        if (++ops > checkpoint) {
            slowTick();
        }
    }

    /** Counts several operations at once (a statement's weight). */
    public void tick(int n) {
        ops += n;
        if (ops > checkpoint) {
            slowTick();
        }
    }

    private void slowTick() {
        if (maxOps > 0 && ops > maxOps) {
            throw new EvalError(ErrorKind.TOO_MANY_OPERATIONS, "Too many operations");
        }
        if (deadline != 0 && System.nanoTime() - deadline > 0) {
            throw new EvalError(ErrorKind.TERMINATED, "Script terminated: time limit exceeded", null, null);
        }
        if ((control != null && control.isCancelled()) || Thread.currentThread().isInterrupted()) {
            throw new EvalError(ErrorKind.TERMINATED, "Script terminated", null, null);
        }
        if (memory.on) {
            memory.sample(false);
        }
        long next = ops + CHECK_EVERY;
        checkpoint = maxOps > 0 ? Math.min(maxOps, next) : next;
    }

    @Override
    public void beforeBlocking(String function) {
        io.picloud.rhai.BlockingCheck check = blocking;
        if (check == null) {
            return;
        }
        try {
            check.beforeBlocking(function);
        } catch (io.picloud.rhai.RhaiRuntimeException e) {
            throw new EvalError(e.kind(), e.getMessage(), null, null);
        }
    }

    public FunctionTable natives() {
        return rt.natives;
    }

    // ---- calling ---------------------------------------------------------------------------------------

    /** Calls a script function; {@code thisValue} null = unbound. The final receiver is left in lastThis. */
    public Object callScript(FnDef fn, Object[] args, Object thisValue) {
        Object[] slots = new Object[fn.frameSize];
        int[] as = fn.argSlots;
        if (as == null) {
            System.arraycopy(args, 0, slots, 0, args.length);
        } else {
            for (int i = 0; i < args.length; i++) {
                slots[as[i]] = args[i];
            }
        }
        return enter(fn, slots, thisValue);
    }

    /**
     * Runs a script function over a frame's slots with its arguments already in place (call sites fill them
     * directly: no argument array). Checks the call depth, counts the call, links the frame for the memory count (when there is a budget).
     * Kept small, with every exceptional exit in {@link #unwind}, so that the JIT can inline it into call sites.
     */
    Object enter(FnDef fn, Object[] slots, Object thisValue) {
        FnCode code = fn.code;
        if (code == null && fn.calls < compileAfterCalls && ++fn.calls == compileAfterCalls) {
            // counted up to the threshold only: no write to the shared FnDef on later calls (runs of one script
            // on several cores); whichever call writes the threshold compiles (compile does it once)
            code = FnCompiler.compile(fn, this);
        }
        if (code != null && thisValue == null) {
            return code.call(this, slots);
        }
        if (callDepth >= maxCallDepth && maxCallDepth > 0) {
            throw new EvalError(ErrorKind.STACK_OVERFLOW, "Stack overflow");
        }
        tick();
        Frame nf = new Frame(this, slots, thisValue, top);
        if (linkFrames) {
            top = nf;
        }
        callDepth++;
        Object r;
        try {
            r = fn.run(nf);
        } catch (Throwable t) {
            r = unwind(fn, nf, t);
        }
        leave(nf);
        return r;
    }

    /** A call ended by a throw: a {@code return} gives its value (the caller then leaves); anything else leaves and goes on. */
    private Object unwind(FnDef fn, Frame nf, Throwable t) {
        if (t instanceof Signals.Return ret) {
            return ret.value;
        }
        leave(nf);
        throw failure(fn, t);
    }

    /** What a call that ended by a throw other than {@code return} throws on to its caller. */
    private static RuntimeException failure(FnDef fn, Throwable t) {
        if (t instanceof EvalError e) {
            return inCall(fn, e);
        }
        if (t instanceof StackOverflowError) {
            return new EvalError(ErrorKind.STACK_OVERFLOW, "Stack overflow");
        }
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    // The steps of a call as compiled functions take them (see FnCompiler): those of enter, unwind and leave,
    // without a frame unless the memory budget counts frames.

    /** A compiled function's call starts: the call-depth check and the call's operation. */
    void compiledEnter() {
        if (callDepth >= maxCallDepth && maxCallDepth > 0) {
            throw new EvalError(ErrorKind.STACK_OVERFLOW, "Stack overflow");
        }
        tick();
        callDepth++;
    }

    /** A compiled function's frame over {@code slots}, linked for the memory budget's count when there is one. */
    Frame compiledFrame(Object[] slots) {
        Frame nf = new Frame(this, slots, null, top);
        if (linkFrames) {
            top = nf;
        }
        return nf;
    }

    /** A compiled function's call ends; {@code nf} is its frame (never null when frames are linked) or null. */
    void compiledLeave(Frame nf) {
        callDepth--;
        if (linkFrames) {
            top = nf.parent;
        }
        lastThis = null;
    }

    /**
     * A compiled function's call ended by a throw: a {@code return} thrown by a node it left to the interpreter
     * gives its value; anything else goes on to the caller as {@link #unwind} sends it.
     */
    Object compiledUnwind(FnDef fn, Frame nf, Throwable t) {
        compiledLeave(nf);
        if (t instanceof Signals.Return ret) {
            return ret.value;
        }
        throw failure(fn, t);
    }

    /** Ends a call: back to the caller's frame, the receiver left for the caller to write back. */
    private void leave(Frame nf) {
        callDepth--;
        if (linkFrames) {
            top = nf.parent;
        }
        lastThis = nf.thisValue;
    }

    /** A catchable error inside a script function, as Rhai reports it: wrapped with the call. */
    private static EvalError inCall(FnDef fn, EvalError e) {
        if (!e.catchable()) {
            return e;
        }
        String where = fn.isAnonymous() ? "in closure call" : "in call to function '" + fn.name + "'";
        return new EvalError(ErrorKind.IN_FUNCTION_CALL, e.getMessage() + "\n" + where, null, e);
    }

    @Override
    public Object callFn(Object fnPtrOrName, Object... args) {
        if (fnPtrOrName instanceof String s) {
            return callNamed(s, args, null);
        }
        if (fnPtrOrName instanceof RFnPtr p) {
            return callPtr(p, args, null);
        }
        throw EvalError.mismatch(Values.typeName(fnPtrOrName), "Fn");
    }

    @Override
    public Object callFnThis(Object fnPtrOrName, Object thisValue, Object... args) {
        if (fnPtrOrName instanceof RFnPtr p) {
            return callPtr(p, args, thisValue);
        }
        return callNamed(String.valueOf(fnPtrOrName), args, thisValue);
    }

    /** Calls a function pointer; the curried arguments come first. */
    public Object callPtr(RFnPtr p, Object[] args, Object thisValue) {
        Object[] curried = p.curried;
        for (int i = 0; i < curried.length; i++) {
            // a closure whose captured variable is locked by a method call on it cannot start (as in Rhai)
            if (curried[i] instanceof SharedCell c && c.locked) {
                throw new EvalError(ErrorKind.DATA_RACE, "Data race detected on variable 'argument #" + (i + 1)
                        + " of function '" + p.name + "''");
            }
        }
        if (p.fn instanceof FnDef fd) {
            if (fd.arity != curried.length + args.length) {
                throw EvalError.fnNotFound(signature(p.name, withCurried(curried, args)));
            }
            return enter(fd, closureSlots(fd, curried, args), thisValue);
        }
        return callNamed(p.name, withCurried(curried, args), thisValue);
    }

    /** A closure's frame slots: its captured cells, then the arguments (no combined argument array). */
    private static Object[] closureSlots(FnDef fd, Object[] curried, Object[] args) {
        Object[] slots = new Object[fd.frameSize];
        int[] as = fd.argSlots;
        int n = curried.length;
        for (int i = 0; i < n; i++) {
            slots[as == null ? i : as[i]] = curried[i];
        }
        for (int i = 0; i < args.length; i++) {
            slots[as == null ? n + i : as[n + i]] = args[i];
        }
        return slots;
    }

    private static Object[] withCurried(Object[] curried, Object[] args) {
        if (curried.length == 0) {
            return args;
        }
        Object[] all = new Object[curried.length + args.length];
        System.arraycopy(curried, 0, all, 0, curried.length);
        System.arraycopy(args, 0, all, curried.length, args.length);
        return all;
    }

    public Object callNamed(String name, Object[] args, Object thisValue) {
        FnDef fd = unit.function(name, args.length);
        if (fd != null) {
            return callScript(fd, args, thisValue);
        }
        if (thisValue != null) {
            Object[] withThis = new Object[args.length + 1];
            withThis[0] = thisValue;
            System.arraycopy(args, 0, withThis, 1, args.length);
            FnDef m = unit.function(name, withThis.length);
            if (m == null) {
                return callNative(name, withThis);
            }
        }
        return callNative(name, args);
    }

    public Object callNative(String name, Object[] args) {
        FunctionTable.Entry[] entries = rt.natives.lookup(name, args.length);
        if (entries != null) {
            for (FunctionTable.Entry e : entries) {
                Object r = e.fn().call(this, args);
                if (r != io.picloud.rhai.impl.runtime.NativeFn.NO_MATCH) {
                    return r;
                }
            }
        }
        throw EvalError.fnNotFound(signature(name, args));
    }

    /** The names a running {@code f!()} body sees of its caller's, or null (none, or not at its depth). */
    Map<String, Integer> bangNames() {
        return bangNames != null && callDepth == bangDepth ? bangNames : null;
    }

    @Override
    public Object lastThis() {
        return lastThis;
    }

    @Override
    public int fnArity(Object fnPtrOrName) {
        if (fnPtrOrName instanceof RFnPtr p && p.fn instanceof FnDef fd) {
            return fd.arity - p.curried.length;
        }
        String name = fnPtrOrName instanceof RFnPtr p ? p.name : String.valueOf(fnPtrOrName);
        int curried = fnPtrOrName instanceof RFnPtr p ? p.curried.length : 0;
        for (int a = 0; a < 6; a++) {
            if (unit.function(name, a + curried) != null) {
                return a;
            }
        }
        return -1;
    }

    public static String signature(String name, Object[] args) {
        StringBuilder sb = new StringBuilder(name).append(" (");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String t = Values.typeName(args[i]);
            sb.append(t.equals("string") ? "&str | ImmutableString | String" : t);
        }
        return sb.append(')').toString();
    }

    // ---- limits ----------------------------------------------------------------------------------------

    @Override
    public void checkString(String s) {
        int max = limits.maxStringSize();
        if (max > 0 && s.length() > max / 3 && DataSizes.utf8Length(s) > max) {
            throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Length of string too large");
        }
        if (memory.on) {
            memory.checkValue(s);
        }
    }

    @Override
    public void checkArray(RArray a) {
        checkValue(a);
    }

    @Override
    public void checkMap(RMap m) {
        checkValue(m);
    }

    @Override
    public void checkBlob(RBlob b) {
        checkValue(b);
    }

    /**
     * Checks a value that may have grown against the data-size limits, as Rhai's {@code check_data_size} does
     * (strings first, then arrays, then maps), and against the memory budget. Containers answer from their
     * cached sizes, so a check after a push costs a few comparisons.
     */
    public void checkValue(Object v) {
        if (v instanceof String s) {
            checkString(s);
            return;
        }
        if (v instanceof SharedCell c) {
            v = c.value;
        }
        if (!(v instanceof RArray || v instanceof RMap || v instanceof RBlob)) {
            if (v instanceof RFnPtr && memory.on) {
                memory.checkValue(v);
            }
            return;
        }
        int maxStr = limits.maxStringSize();
        int maxArr = limits.maxArraySize();
        int maxMap = limits.maxMapSize();
        if ((maxStr > 0 && DataSizes.strings(v) > maxStr)
                || (maxArr > 0 && DataSizes.arrays(v) > maxArr)
                || (maxMap > 0 && DataSizes.maps(v) > maxMap)) {
            EvalError e = dataTooLarge(v, maxStr, maxArr, maxMap);
            if (e != null) {
                throw e;
            }
        }
        if (memory.on) {
            memory.checkValue(v);
        }
    }

    /** The error for a value over a data-size limit, counted once more without its own cache to be sure. */
    private EvalError dataTooLarge(Object v, int maxStr, int maxArr, int maxMap) {
        long[] exact = DataSizes.recount(v);
        if (maxStr > 0 && exact[2] > maxStr) {
            return new EvalError(ErrorKind.DATA_TOO_LARGE, "Length of string too large");
        }
        if (maxArr > 0 && exact[0] > maxArr) {
            return new EvalError(ErrorKind.DATA_TOO_LARGE, "Size of array/BLOB too large");
        }
        if (maxMap > 0 && exact[1] > maxMap) {
            return new EvalError(ErrorKind.DATA_TOO_LARGE, "Size of object map too large");
        }
        // a cache was out of date (an element changed where its holder could not see it): rebuilt, within limits
        return null;
    }

    @Override
    public void print(String line) {
        if (memory.on || memory.capsOutput) {
            memory.print(line);
        }
        output.add(line);
    }

    @Override
    public Object hostData() {
        return hostData;
    }

    @Override
    public String scriptName() {
        return unit.name;
    }
}
