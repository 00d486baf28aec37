package io.picloud.rhai.impl.eval;

abstract class Bin extends Node {
    final Node l;
    final Node r;

    Bin(int line, int col, Node l, Node r) {
        super(line, col);
        this.l = l;
        this.r = r;
    }
}
