package io.github.rootlesspanel.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A row of README's "what was tried" table (issue 11): put on a fault or hostile-input test method (or class) that
 * tries it. {@code cases} is how many cases the test tries (a constant the test itself uses, so the table cannot
 * drift from the test); {@code outcome} is what the test asserts held in every case. The table in README is
 * generated from these annotations and checked against them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(Tried.List.class)
public @interface Tried {

    enum Kind { FAULT, INPUT }

    Kind kind();

    /** What was tried, e.g. "SIGKILL while writing override.conf". */
    String what();

    int cases();

    /** What held in every case, e.g. "old or new file, never partial; the .bak parses". */
    String outcome();

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        Tried[] value();
    }
}
