package io.github.rootlesspanel.dropin;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JqwikProbeTest {
    static final java.util.concurrent.atomic.AtomicInteger TRIES = new java.util.concurrent.atomic.AtomicInteger();

    @Property(tries = 7)
    void probe(@ForAll String s) {
        TRIES.incrementAndGet();
        System.out.println("jqwik-probe try " + s.length());
    }

    @Test
    void jupiter() {
        System.out.println("jupiter probe");
    }
}
