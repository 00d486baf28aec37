package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;
import java.util.List;

public final class Ref extends Node {
    final List<String> path;
    final String name;
    final Node[] args;

    public Ref(int line, int col, List<String> path, String name, Node[] args) {
        super(line, col);
        this.path = List.copyOf(path);
        this.name = name;
        this.args = args;
    }

    @Override
    public Object eval(Frame f) {
        Object m = f.ctx.modules.get(path.get(0));
        if (!(m instanceof Modules.Instance inst)) {
            if (args != null) {
                return callHostModule(f);
            }
            throw err(ErrorKind.MODULE_NOT_FOUND, "Module not found: " + String.join("::", path));
        }
        if (args == null) {
            Object v = inst.vars.get(name);
            if (v == null) {
                throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: " + String.join("::", path) + "::" + name);
            }
            Values.markShared(v);
            return v;
        }
        Object[] av = Calls.evalArgs(args, f, 0);
        FnDef fd = inst.ctx.unit.function(name, av.length);
        if (fd == null || fd.isPrivate) {
            throw err(EvalError.fnNotFound(String.join("::", path) + "::" + Context.signature(name, av)));
        }
        try {
            return inst.ctx.callScript(fd, av, null);
        } catch (EvalError e) {
            throw err(e);
        }
    }

    /**
     * {@code kv::get(k)} with no module {@code kv} imported: a function the host registered under that path, like
     * a static module in Rhai (an imported module of the same name comes first).
     */
    private Object callHostModule(Frame f) {
        String qualified = String.join("::", path) + "::" + name;
        io.picloud.rhai.impl.runtime.FunctionTable.Entry[] natives = f.ctx.rt.natives.lookup(qualified, args.length);
        if (natives == null) {
            throw err(ErrorKind.MODULE_NOT_FOUND, "Module not found: " + String.join("::", path));
        }
        Object[] av = Calls.evalArgs(args, f, 0);
        try {
            return Calls.callNatives(this, f, qualified, natives, av, null);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
