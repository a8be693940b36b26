/** Deterministic synthetic UK schools and districts as OneRoster 1.1 bulk CSV, fakes of the services a school talks to on 127.0.0.1, PostgreSQL and configuration helpers, and a Karaf host of its own, for tests, the demo and benchmarks. */
@org.jspecify.annotations.NullMarked
package org.misbridge.testkit;
