package io.picloud.rhai.impl.analysis;

import org.antlr.v4.runtime.tree.ParseTree;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link Resolver} found in one parse tree, keyed by its nodes: the slot of every declared and every
 * local variable, the frames of functions and closures with their captures, and the scope seen by the calls
 * that need it at run time. The builders read it; they never look a name up themselves.
 */
public final class Resolution {
    /** A function's or closure's frame: its size, the slots of its parameters, and what it captures. */
    public record Frame(int size, int[] paramSlots, List<Scope.Capture> captures) {
    }

    /** The scope at a call that needs it at run time: {@code eval}, {@code is_def_var}, {@code f!()}. */
    public record Site(Map<String, Integer> visibleSlots, Set<String> visibleNames, int frameSize,
                       boolean scriptLevel) {
    }

    /**
     * Everything found, in one map keyed by the node it is about (a name: its variable; a let: its visible
     * count; a function or closure: its frame; a call: its site; a namespaced reference: whether its module
     * is unknown). One map, since this is made on every compile.
     */
    private final Map<ParseTree, Object> facts = new IdentityHashMap<>(32);
    private Set<ParseTree> redeclared;
    int mainFrameSize;
    Map<String, Integer> topLevelNames;

    void put(ParseTree at, Object fact) {
        facts.put(at, fact);
    }

    void redeclared(ParseTree declaration) {
        if (redeclared == null) {
            redeclared = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        redeclared.add(declaration);
    }

    /** The variable a name (a reference, a declaration, an exported name) denotes; null if none is in scope. */
    public Scope.Var var(ParseTree at) {
        return (Scope.Var) facts.get(at);
    }

    /** Whether a declaration names a variable already in scope (checked only when shadowing is off). */
    public boolean redeclares(ParseTree declaration) {
        return redeclared != null && redeclared.contains(declaration);
    }

    /** The number of variables in scope right after a {@code let} or {@code const}. */
    public int visibleCountAfter(ParseTree let) {
        return (Integer) facts.get(let);
    }

    public Frame frame(ParseTree fnOrClosure) {
        return (Frame) facts.get(fnOrClosure);
    }

    public Site site(ParseTree call) {
        return (Site) facts.get(call);
    }

    /** Whether a namespaced reference names a module no earlier {@code import} brought in. */
    public boolean unknownModule(ParseTree ref) {
        return facts.get(ref) == Boolean.TRUE;
    }

    public int mainFrameSize() {
        return mainFrameSize;
    }

    public Map<String, Integer> topLevelNames() {
        return topLevelNames;
    }
}
