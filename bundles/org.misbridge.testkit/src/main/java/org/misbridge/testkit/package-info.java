/** Deterministic synthetic UK schools and districts as OneRoster 1.1 bulk CSV, and a fake meal manager on 127.0.0.1, for tests, the demo and benchmarks. */
@org.jspecify.annotations.NullMarked
package org.misbridge.testkit;
