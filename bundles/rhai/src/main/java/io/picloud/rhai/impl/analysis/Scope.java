package io.picloud.rhai.impl.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compile-time scope of one function, closure or script, used by the {@link Resolver}: block-structured
 * variable names resolved to frame slots. A closure scope resolves free names in its parent and records them
 * as captures.
 */
public final class Scope {
    /** A resolved variable. */
    public record Var(String name, int slot, boolean constant) {
    }

    /** A variable captured from the enclosing scope: the outer slot and the slot it gets in the closure. */
    public record Capture(int outerSlot, int innerSlot) {
    }

    public final Scope parent;
    public final boolean closure;
    private final Deque<Map<String, Var>> blocks = new ArrayDeque<>();
    private int nextSlot;
    public final List<Capture> captures = new ArrayList<>();
    private final Map<Integer, Var> captureByOuter = new HashMap<>();
    public int visibleCount;

    /** A scope; a closure's resolves the names it does not declare in {@code parent} and captures them. */
    public Scope(Scope parent, boolean closure) {
        this.parent = parent;
        this.closure = closure;
        blocks.push(new HashMap<>());
    }

    public void push() {
        blocks.push(new HashMap<>());
    }

    public void pop() {
        visibleCount -= blocks.pop().size();
    }

    public int blockDepth() {
        return blocks.size();
    }

    public int allocSlot() {
        return nextSlot++;
    }

    public int frameSize() {
        return nextSlot;
    }

    public boolean declaredInCurrentBlock(String name) {
        return blocks.peek().containsKey(name);
    }

    /** Declares a name at a given slot (eval: the caller's variables keep their slots). */
    public void declareAt(String name, int slot) {
        blocks.peek().put(name, new Var(name, slot, false));
        visibleCount++;
    }

    /** Makes sure new slots start after {@code size}. */
    public void reserve(int size) {
        nextSlot = Math.max(nextSlot, size);
    }

    public Var declare(String name, boolean constant) {
        Var v = new Var(name, allocSlot(), constant);
        if (blocks.peek().put(name, v) == null) {
            visibleCount++;
        }
        return v;
    }

    /** Finds a name, capturing it from enclosing scopes when this is a closure; null if unknown. */
    public Var lookup(String name) {
        for (Map<String, Var> b : blocks) {
            Var v = b.get(name);
            if (v != null) {
                return v;
            }
        }
        if (closure && parent != null) {
            Var outer = parent.lookup(name);
            if (outer == null) {
                return null;
            }
            Var mine = captureByOuter.get(outer.slot());
            if (mine == null) {
                mine = new Var(name, allocSlot(), outer.constant());
                captureByOuter.put(outer.slot(), mine);
                captures.add(new Capture(outer.slot(), mine.slot()));
                blocks.getLast().put(name, mine);
            }
            return mine;
        }
        return null;
    }

    /** All names visible here (for is_def_var and eval). */
    public Set<String> visibleNames() {
        Set<String> s = new HashSet<>();
        for (Map<String, Var> b : blocks) {
            s.addAll(b.keySet());
        }
        if (closure && parent != null) {
            s.addAll(parent.visibleNames());
        }
        return s;
    }

    /** Visible names with their slots (innermost wins). */
    public Map<String, Integer> visibleSlots() {
        Map<String, Integer> m = new HashMap<>();
        List<Map<String, Var>> list = new ArrayList<>(blocks);
        for (int i = list.size() - 1; i >= 0; i--) {
            for (Var v : list.get(i).values()) {
                m.put(v.name(), v.slot());
            }
        }
        return m;
    }
}
