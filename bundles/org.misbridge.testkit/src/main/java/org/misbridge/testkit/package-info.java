/** Deterministic generator of synthetic UK schools and districts as OneRoster 1.1 bulk CSV, for tests, the demo and benchmarks. */
@org.jspecify.annotations.NullMarked
package org.misbridge.testkit;
