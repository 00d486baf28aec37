package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import static org.objectweb.asm.Opcodes.*;

/**
 * Compiles a hot script function to JVM bytecode, one hidden class per function, so that its calls cost what a
 * Java call costs: the arguments and variables are Java locals (no slot array, no {@link Frame} unless the memory
 * budget counts frames or the body leaves nodes to the interpreter), a call of itself is a static call, and the
 * JIT compiles the whole body as one method.
 *
 * <p>The compiled code does what the interpreter does and nothing else: every operator is the node's own
 * {@code apply}, every read of a parameter the {@link Local} node's, every condition {@link Control#truth}; calls
 * take the steps of {@link Context#enter} in the same order (depth check, operation count, frame, call depth), a
 * block counts its statements' operations as {@link Block} does, and errors get the same positions and the same
 * {@code ErrorInFunctionCall} wrapping. The nodes themselves are constants of the class (its class data).
 *
 * <p>Compiled: blocks, {@code if}, {@code return}, constants, the function's parameters and variables ({@code let},
 * {@code x = ...}), comparisons, {@code + - * / %}, unary {@code - + !}, {@code && ||}, loops ({@code while},
 * {@code until}, {@code loop}, {@code do}; as statements) with {@code break} and {@code continue}, and calls of
 * script functions. Any other node is run by the interpreter over a frame that mirrors the variables
 * ({@link #delegate}). Named functions only: a closure or a typed method is never compiled.
 */
final class FnCompiler {
    private static final String CTX = Type.getInternalName(Context.class);
    private static final String CTX_D = Type.getDescriptor(Context.class);
    private static final String OBJ = "java/lang/Object";
    private static final String OBJ_D = "Ljava/lang/Object;";
    private static final String EVAL_ERROR = Type.getInternalName(EvalError.class);
    private static final String FRAME = Type.getInternalName(Frame.class);
    private static final String FRAME_D = Type.getDescriptor(Frame.class);
    /** Slots (parameters first, then the function's other variables) of a function compiled; larger stay interpreted. */
    private static final int MAX_SLOTS = 64;
    /** The JVM local of slot 0 in {@code body(ctx, frame, args...)}: a slot's variable lives in local 2 + slot. */
    private static final int FIRST_SLOT = 2;
    /** Instructions of a body compiled (at about three bytes each, under the JIT's limit of 8000 bytes a method). */
    private static final int MAX_INSTRUCTIONS = 2500;
    private static final Handle CLASS_DATA = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classData", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)" + OBJ_D,
            false);

    private final FnDef fn;
    private final Context ctx;
    private final String className;
    private final List<Object> constants = new ArrayList<>();
    /** The descriptor of each constant's static field. */
    private final List<String> constantTypes = new ArrayList<>();
    private final Map<Object, Integer> constantIndex = new IdentityHashMap<>();
    private MethodVisitor mv;
    /** Whether the code being written starts on an empty operand stack (see {@link #ref}). */
    private boolean emptyStack;

    /**
     * Whether the body keeps a frame for the nodes left to the interpreter: the function's variables mirrored in
     * its slots (see {@link #delegate}). Without a memory budget, a frame is made at each call only then.
     */
    private final boolean mirror;

    /** A body the compiler does not handle. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** The body has a node left to the interpreter: it is written again with a mirror frame. */
    private static final class NeedsMirror extends RuntimeException {
        NeedsMirror() {
            super(null, null, false, false);
        }
    }

    private FnCompiler(FnDef fn, Context ctx, boolean mirror) {
        this.fn = fn;
        this.ctx = ctx;
        this.mirror = mirror;
        this.className = Type.getInternalName(FnCode.class) + "$" + fn.name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * Compiles {@code fn} once (later calls return what the first gave). {@code ctx} resolves the calls in its
     * body, as their first run would. Returns null when the body is not one the compiler handles.
     */
    static FnCode compile(FnDef fn, Context ctx) {
        synchronized (fn) {
            if (!fn.compileTried) {
                try {
                    fn.code = compilable(fn) ? define(fn, ctx) : null;
                } catch (RuntimeException | ReflectiveOperationException | LinkageError e) {
                    // not handled, too large, or refused by ASM or the JVM: the function stays interpreted
                    fn.code = null;
                } finally {
                    fn.compileTried = true;
                }
            }
            return fn.code;
        }
    }

    private static FnCode define(FnDef fn, Context ctx) throws ReflectiveOperationException {
        try {
            return new FnCompiler(fn, ctx, false).define();
        } catch (NeedsMirror m) {
            return new FnCompiler(fn, ctx, true).define();
        }
    }

    private static boolean compilable(FnDef fn) {
        return !fn.isAnonymous() && fn.thisType == null && fn.argSlots == null
                && fn.frameSize <= MAX_SLOTS && fn.body != null;
    }

    private FnCode define() throws ReflectiveOperationException {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // every value the code merges is an Object, a Context or a Frame: no class need be loaded
                return OBJ;
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, className, null, Type.getInternalName(FnCode.class), null);
        writeConstructor(cw);
        writeBody(cw);
        writeRun(cw);
        writeCall(cw);
        writeConstants(cw);
        cw.visitEnd();
        MethodHandles.Lookup lookup = MethodHandles.lookup()
                .defineHiddenClassWithClassData(cw.toByteArray(), List.copyOf(constants), true);
        return (FnCode) lookup.lookupClass().getDeclaredConstructor().newInstance();
    }

    private String args() {
        return "(" + CTX_D + OBJ_D.repeat(fn.arity) + ")" + OBJ_D;
    }

    /** {@code body}'s descriptor: the context, the linked frame (or null) and the arguments. */
    private String bodyArgs() {
        return "(" + CTX_D + FRAME_D + OBJ_D.repeat(fn.arity) + ")" + OBJ_D;
    }

    /**
     * Counts the instructions of a body and refuses one past {@link #MAX_INSTRUCTIONS}: the JIT does not compile a
     * method of more than 8000 bytes, and such a body would run slower than the interpreter.
     */
    private static final class Bounded extends MethodVisitor {
        private int instructions;

        Bounded(MethodVisitor next) {
            super(ASM9, next);
        }

        private void count() {
            if (++instructions > MAX_INSTRUCTIONS) {
                throw new Unsupported();
            }
        }

        @Override
        public void visitInsn(int opcode) {
            count();
            super.visitInsn(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            count();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            count();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            count();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            count();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            count();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            count();
            super.visitLdcInsn(value);
        }
    }

    private void writeConstructor(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(0, "<init>", "()V", null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        m.visitMethodInsn(INVOKESPECIAL, Type.getInternalName(FnCode.class), "<init>", "()V", false);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    /** {@code call(ctx, slots)}: the interpreter's way in. */
    private void writeCall(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(0, "call", "(" + CTX_D + "[" + OBJ_D + ")" + OBJ_D, null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 1);
        for (int i = 0; i < fn.arity; i++) {
            m.visitVarInsn(ALOAD, 2);
            m.visitLdcInsn(i);
            m.visitInsn(AALOAD);
        }
        m.visitMethodInsn(INVOKESTATIC, className, "run", args(), false);
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    /**
     * {@code run(ctx, args...)}: one call, with the steps of {@link Context#enter} around {@code body}. Its frame,
     * over the arguments, is made when the body leaves nodes to the interpreter ({@link #mirror}) or the memory
     * budget counts frames; otherwise there is none (null).
     */
    private void writeRun(ClassWriter cw) {
        mv = cw.visitMethod(ACC_STATIC, "run", args(), null, null);
        mv.visitCode();
        int frame = 1 + fn.arity;
        int result = frame + 1;
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "compiledEnter", "()V", false);
        Label unlinked = new Label();
        Label linked = new Label();
        if (!mirror) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, CTX, "linkFrames", "Z");
            mv.visitJumpInsn(IFEQ, unlinked);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitLdcInsn(fn.frameSize);
        mv.visitTypeInsn(ANEWARRAY, OBJ);
        for (int i = 0; i < fn.arity; i++) {
            mv.visitInsn(DUP);
            mv.visitLdcInsn(i);
            mv.visitVarInsn(ALOAD, 1 + i);
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "compiledFrame", "([" + OBJ_D + ")" + FRAME_D, false);
        mv.visitJumpInsn(GOTO, linked);
        mv.visitLabel(unlinked);
        mv.visitInsn(ACONST_NULL);
        mv.visitLabel(linked);
        mv.visitVarInsn(ASTORE, frame);
        Label start = new Label();
        Label end = new Label();
        Label failed = new Label();
        mv.visitTryCatchBlock(start, end, failed, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, frame);
        for (int i = 1; i <= fn.arity; i++) {
            mv.visitVarInsn(ALOAD, i);
        }
        mv.visitMethodInsn(INVOKESTATIC, className, "body", bodyArgs(), false);
        mv.visitVarInsn(ASTORE, result);
        mv.visitLabel(end);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, frame);
        mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "compiledLeave", "(" + FRAME_D + ")V", false);
        mv.visitVarInsn(ALOAD, result);
        mv.visitInsn(ARETURN);
        mv.visitLabel(failed);
        mv.visitVarInsn(ASTORE, result);
        mv.visitVarInsn(ALOAD, 0);
        constant(fn);
        mv.visitVarInsn(ALOAD, frame);
        mv.visitVarInsn(ALOAD, result);
        mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "compiledUnwind", "(" + Type.getDescriptor(FnDef.class) + FRAME_D
                + "Ljava/lang/Throwable;)" + OBJ_D, false);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code body(ctx, frame, args...)}: the function's body; a {@code return} anywhere is a Java return. Each slot
     * is a JVM local, the variables after the parameters unset (null, which reads as {@code ()}) at first; with a
     * frame every store is written to its slot too.
     */
    private void writeBody(ClassWriter cw) {
        mv = new Bounded(cw.visitMethod(ACC_STATIC, "body", bodyArgs(), null, null));
        mv.visitCode();
        for (int slot = fn.arity; slot < fn.frameSize; slot++) {
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, FIRST_SLOT + slot);
        }
        emptyStack = true;
        value(fn.body);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * A node the compiler does not handle, run by the interpreter ({@code eval} or {@code evalRef}) over the
     * mirror frame, whose slots hold the variables as they are; what it changed there is read back into the
     * locals. Its signals ({@code return}, {@code break}, {@code continue}) are the interpreter's, caught as the
     * interpreter catches them.
     */
    private void delegate(Node n, boolean asRef) {
        if (!mirror) {
            throw new NeedsMirror();
        }
        constant(n, Node.class);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Node.class), asRef ? "evalRef" : "eval",
                "(" + FRAME_D + ")" + OBJ_D, false);
        for (int slot = 0; slot < fn.frameSize; slot++) {
            frameSlot(slot);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, FIRST_SLOT + slot);
        }
    }

    /** Leaves what {@code n.eval} gives on the stack, {@code ()} for a missing node (a bare return, break, let). */
    private void valueOrUnit(Node n) {
        if (n == null) {
            constant(Unit.UNIT);
        } else {
            value(n);
        }
    }

    /** Leaves what {@code n.eval} gives on the stack. */
    private void value(Node n) {
        if (n instanceof Local l) {
            local(l, "value");
        } else {
            emit(n, false);
        }
    }

    /**
     * Leaves what {@code n.evalRef} gives on the stack (the same as {@code eval} for all but a local). Operands
     * are evaluated with other values on the stack; {@link #emptyStack} says whether {@code n} starts on an empty
     * one (a statement of the body, of its blocks and branches), where a loop may stand.
     */
    private void ref(Node n) {
        emit(n, true);
    }

    private void emit(Node n, boolean asRef) {
        boolean here = emptyStack;
        emptyStack = false;
        try {
            node(n, here, asRef);
        } finally {
            emptyStack = here;
        }
    }

    private void node(Node n, boolean here, boolean asRef) {
        if (n instanceof Const c) {
            constant(c.value);
        } else if (n instanceof Local l) {
            local(l, "ref");
        } else if (n instanceof Add a) {
            constant(a);
            mv.visitVarInsn(ALOAD, 0);
            ref(a.l);
            ref(a.r);
            invoke(Add.class, "apply", "(" + CTX_D + OBJ_D + OBJ_D + ")" + OBJ_D);
        } else if (n instanceof Sub || n instanceof Mul || n instanceof DivMod || n instanceof Compare) {
            Bin b = (Bin) n;
            constant(b);
            ref(b.l);
            ref(b.r);
            invoke(b.getClass(), "apply", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
        } else if (n instanceof Unary u) {
            constant(u);
            ref(u.operand);
            invoke(Unary.class, "apply", "(" + OBJ_D + ")" + OBJ_D);
        } else if (n instanceof Logic g) {
            logic(g);
        } else if (n instanceof If i) {
            ifElse(i, here);
        } else if (n instanceof Block b && !b.evalScope) {
            block(b, here);
        } else if (n instanceof Let l && l.globalConstName == null) {
            let(l);
        } else if (n instanceof Assign a && a.target instanceof Local l) {
            value(a.value);
            constant(l);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ALOAD, FIRST_SLOT + l.slot);
            mv.visitInsn(SWAP);
            invoke(Local.class, "assigned", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
            store(l.slot);
            constant(Unit.UNIT);
        } else if (n instanceof While w && here) {
            loop(w);
        } else if (n instanceof Break b) {
            valueOrUnit(b.value);
            mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Signals.Break.class), "with",
                    "(" + OBJ_D + ")" + Type.getDescriptor(Signals.Break.class), false);
            mv.visitInsn(ATHROW);
        } else if (n instanceof Continue) {
            mv.visitFieldInsn(GETSTATIC, Type.getInternalName(Signals.Continue.class), "INSTANCE",
                    Type.getDescriptor(Signals.Continue.class));
            mv.visitInsn(ATHROW);
        } else if (n instanceof Return r) {
            valueOrUnit(r.value);
            mv.visitInsn(ARETURN);
        } else if (n instanceof FnCall c && c.scriptTarget(ctx) != null) {
            call(c, c.scriptTarget(ctx));
        } else {
            delegate(n, asRef);
        }
    }

    private void local(Local l, String read) {
        if (l.slot >= fn.frameSize) {
            throw new Unsupported();
        }
        constant(l);
        mv.visitVarInsn(ALOAD, FIRST_SLOT + l.slot);
        invoke(Local.class, read, "(" + OBJ_D + ")" + OBJ_D);
    }

    /** As {@link And#eval} and {@link Or#eval}: the right operand only when the left does not decide. */
    private void logic(Logic g) {
        boolean and = g instanceof And;
        Label decided = new Label();
        Label end = new Label();
        constant(g);
        ref(g.l);
        invoke(Logic.class, "first", "(" + OBJ_D + ")Z");
        mv.visitJumpInsn(and ? IFEQ : IFNE, decided);
        constant(g);
        ref(g.r);
        invoke(Logic.class, "second", "(" + OBJ_D + ")" + OBJ_D);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(decided);
        mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", and ? "FALSE" : "TRUE", "Ljava/lang/Boolean;");
        mv.visitLabel(end);
    }

    /** As {@link Let#eval}: the value, the variables limit, the store; a {@code let} gives {@code ()}. */
    private void let(Let l) {
        valueOrUnit(l.init);
        constant(l);
        mv.visitVarInsn(ALOAD, 0);
        invoke(Let.class, "checkCount", "(" + CTX_D + ")V");
        store(l.slot);
        constant(Unit.UNIT);
    }

    /** Stores the value on the stack into a slot's local, and into the frame's slot when there is a frame. */
    private void store(int slot) {
        Label unlinked = new Label();
        mv.visitVarInsn(ASTORE, FIRST_SLOT + slot);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitJumpInsn(IFNULL, unlinked);
        frameSlot(slot);
        mv.visitVarInsn(ALOAD, FIRST_SLOT + slot);
        mv.visitInsn(AASTORE);
        mv.visitLabel(unlinked);
    }

    /** Pushes the frame's slot array and the index of {@code slot} in it. */
    private void frameSlot(int slot) {
        mv.visitVarInsn(ALOAD, 1);
        mv.visitFieldInsn(GETFIELD, FRAME, "slots", "[" + OBJ_D);
        mv.visitLdcInsn(slot);
    }

    /**
     * As {@link While#eval} ({@code while}, {@code until}, {@code loop}, {@code do}): each round counts the
     * condition's operations, a {@code continue} or {@code break} in the body is the interpreter's signal, caught
     * here. Only where the stack is empty (a handler starts on an empty one).
     */
    private void loop(While w) {
        Label top = new Label();
        Label done = new Label();
        Label exit = new Label();
        Label start = new Label();
        Label end = new Label();
        Label next = new Label();
        Label broke = new Label();
        mv.visitLabel(top);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitLdcInsn(w.condWeight);
        mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "tick", "(I)V", false);
        if (!w.doFirst && w.cond != null) {
            condition(w.cond);
            mv.visitJumpInsn(w.until ? IFNE : IFEQ, done);
        }
        mv.visitLabel(start);
        emptyStack = true;
        value(w.body);
        emptyStack = false;
        mv.visitInsn(POP);
        mv.visitLabel(end);
        mv.visitLabel(next);
        if (w.doFirst) {
            condition(w.cond);
            mv.visitJumpInsn(w.until ? IFNE : IFEQ, done);
        }
        mv.visitJumpInsn(GOTO, top);
        Label continued = new Label();
        mv.visitLabel(continued);
        mv.visitInsn(POP);
        mv.visitJumpInsn(GOTO, next);
        mv.visitLabel(broke);
        mv.visitFieldInsn(GETFIELD, Type.getInternalName(Signals.Break.class), "value", OBJ_D);
        mv.visitJumpInsn(GOTO, exit);
        mv.visitLabel(done);
        constant(Unit.UNIT);
        mv.visitLabel(exit);
        mv.visitTryCatchBlock(start, end, continued, Type.getInternalName(Signals.Continue.class));
        mv.visitTryCatchBlock(start, end, broke, Type.getInternalName(Signals.Break.class));
    }

    /** A condition's value as a JVM boolean ({@link Control#truth}). */
    private void condition(Node cond) {
        ref(cond);
        constant(cond, Node.class);
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Control.class), "truth",
                "(" + OBJ_D + Type.getDescriptor(Node.class) + ")Z", false);
    }

    private void ifElse(If i, boolean here) {
        Label otherwise = new Label();
        Label end = new Label();
        condition(i.cond);
        mv.visitJumpInsn(IFEQ, otherwise);
        emptyStack = here;
        value(i.then);
        emptyStack = false;
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(otherwise);
        if (i.otherwise == null) {
            constant(Unit.UNIT);
        } else {
            emptyStack = here;
            value(i.otherwise);
            emptyStack = false;
        }
        mv.visitLabel(end);
    }

    /** As {@link Block#eval}: each statement's operations counted, then the statement, its limit errors placed. */
    private void block(Block b, boolean here) {
        if (b.stmts.length == 0) {
            constant(Unit.UNIT);
            return;
        }
        for (int i = 0; i < b.stmts.length; i++) {
            Node s = b.stmts[i];
            Label start = new Label();
            Label end = new Label();
            mv.visitLabel(start);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitLdcInsn(b.weights == null ? 1 : b.weights[i]);
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "tick", "(I)V", false);
            emptyStack = here;
            value(s);
            emptyStack = false;
            mv.visitLabel(end);
            rethrow(start, end, () -> {
                mv.visitLdcInsn(s.line);
                mv.visitLdcInsn(s.col);
                mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Block.class), "limitAt",
                        "(L" + EVAL_ERROR + ";II)L" + EVAL_ERROR + ";", false);
            });
            if (i < b.stmts.length - 1) {
                mv.visitInsn(POP);
            }
        }
    }

    /**
     * As {@link FnCall#eval}: the arguments, then the call, whose errors take the call's position. A call of this
     * function is a static call of its {@code run}; another script function is entered as the interpreter does.
     */
    private void call(FnCall c, FnDef target) {
        Label start = new Label();
        Label end = new Label();
        mv.visitVarInsn(ALOAD, 0);
        if (target == fn) {
            for (Node a : c.args) {
                value(a);
            }
            mv.visitLabel(start);
            mv.visitMethodInsn(INVOKESTATIC, className, "run", args(), false);
        } else {
            constant(target);
            mv.visitLdcInsn(target.frameSize);
            mv.visitTypeInsn(ANEWARRAY, OBJ);
            for (int i = 0; i < c.args.length; i++) {
                mv.visitInsn(DUP);
                mv.visitLdcInsn(target.argSlots == null ? i : target.argSlots[i]);
                value(c.args[i]);
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(ACONST_NULL);
            mv.visitLabel(start);
            mv.visitMethodInsn(INVOKEVIRTUAL, CTX, "enter", "(" + Type.getDescriptor(FnDef.class) + "[" + OBJ_D
                    + OBJ_D + ")" + OBJ_D, false);
        }
        mv.visitLabel(end);
        rethrow(start, end, () -> {
            mv.visitLdcInsn(c.line);
            mv.visitLdcInsn(c.col);
            mv.visitMethodInsn(INVOKEVIRTUAL, EVAL_ERROR, "at", "(II)L" + EVAL_ERROR + ";", false);
        });
    }

    /**
     * An {@link EvalError} thrown between the labels (just visited) goes through {@code fix} (error on the stack,
     * error left) and on, as a Java {@code catch} that rethrows: the handler follows the code, inside the ranges
     * of the enclosing constructs' handlers, and is registered after the code inside it, so that inner handlers
     * come first in the table.
     */
    private void rethrow(Label start, Label end, Runnable fix) {
        Label handler = new Label();
        Label after = new Label();
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        fix.run();
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
        mv.visitTryCatchBlock(start, end, handler, EVAL_ERROR);
    }

    private void invoke(Class<?> owner, String name, String descriptor) {
        mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(owner), name, descriptor, false);
    }

    private void constant(Object value) {
        constant(value, value instanceof Node || value instanceof FnDef ? value.getClass() : Object.class);
    }

    /** Pushes {@code value}: a static final field of the class (which the JIT takes as a constant). */
    private void constant(Object value, Class<?> as) {
        Integer index = constantIndex.get(value);
        if (index == null) {
            index = constants.size();
            constants.add(value);
            constantTypes.add(Type.getDescriptor(as));
            constantIndex.put(value, index);
        }
        mv.visitFieldInsn(GETSTATIC, className, "c" + index, constantTypes.get(index));
    }

    /**
     * The constants' fields, set by the class initializer from the class data (a list): fields rather than a
     * dynamic constant at each use, because code that holds an unresolved one (a handler not run yet) is not
     * compiled by the JIT.
     */
    private void writeConstants(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        m.visitCode();
        m.visitLdcInsn(new ConstantDynamic("_", "Ljava/util/List;", CLASS_DATA));
        for (int i = 0; i < constants.size(); i++) {
            String type = constantTypes.get(i);
            cw.visitField(ACC_STATIC | ACC_FINAL | ACC_PRIVATE, "c" + i, type, null, null).visitEnd();
            m.visitInsn(DUP);
            m.visitLdcInsn(i);
            m.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "get", "(I)" + OBJ_D, true);
            m.visitTypeInsn(CHECKCAST, Type.getType(type).getInternalName());
            m.visitFieldInsn(PUTSTATIC, className, "c" + i, type);
        }
        m.visitInsn(POP);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }
}
