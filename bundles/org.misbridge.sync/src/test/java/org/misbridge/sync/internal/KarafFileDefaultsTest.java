package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Karaf 4.4.10's own log patterns gain the school column; an operator's own, or one that has it, is left alone. */
class KarafFileDefaultsTest {

    private static final KarafFileDefaults.Pattern FILE = KarafFileDefaults.PATTERNS.get(0);
    private static final KarafFileDefaults.Pattern CONSOLE = KarafFileDefaults.PATTERNS.get(1);

    @Test
    void karafsFilePatternGainsTheSchoolBeforeTheMessage() {
        // etc/org.ops4j.pax.logging.cfg of apache-karaf-4.4.10
        String karaf = "%d{ISO8601} | %-5p | %-16t | %-32c{1} | %X{bundle.id} - %X{bundle.name} - %X{bundle.version}"
                + " | %encode{%.-500m}{CRLF}%n";
        assertThat(KarafFileDefaults.withSchool(karaf, FILE)).isEqualTo("%d{ISO8601} | %-5p | %-16t | %-32c{1} | %X{bundle.id}"
                + " - %X{bundle.name} - %X{bundle.version} | %notEmpty{school=%X{school.id} | }%encode{%.-500m}{CRLF}%n");
    }

    @Test
    void karafsConsolePatternGainsTheSchoolBeforeTheMessage() {
        // etc/org.apache.karaf.log.cfg of apache-karaf-4.4.10, as ConfigAdmin holds it
        String karaf = "\u001b[90m%d{HH:mm:ss.SSS}\u001b[0m %h{%p}{FATAL=bright red, ERROR=bright red, WARN=bright yellow,"
                + " INFO=bright green, DEBUG=cyan, TRACE=cyan} \u001b[90m[%t]\u001b[0m %m%n";
        assertThat(KarafFileDefaults.withSchool(karaf, CONSOLE)).endsWith("\u001b[90m[%t]\u001b[0m school=%X{school.id} | %m%n");
    }

    @Test
    void aPatternWithTheSchoolOrOfAnOperatorsOwnShapeIsLeftAlone() {
        String assembly = "%d{ISO8601} | %-5p | %notEmpty{school=%X{school.id} | }%encode{%.-500m}{CRLF}%n";
        assertThat(KarafFileDefaults.withSchool(assembly, FILE)).isNull();
        assertThat(KarafFileDefaults.withSchool("%d %p %c - %m%n [end]", CONSOLE)).isNull();
        assertThat(KarafFileDefaults.withSchool("%m%n %m%n", CONSOLE)).isNull();
    }

    @Test
    void theHttpClientLoggersAreAddedAtWarnUnlessTheFileMentionsThem() {
        java.util.Hashtable<String, Object> stock = new java.util.Hashtable<>();
        stock.put("log4j2.rootLogger.level", "INFO");
        assertThat(KarafFileDefaults.quietLoggers(stock)).isTrue();
        assertThat(stock).containsEntry("log4j2.logger.hcheaders.name", "org.apache.hc.client5.http.headers")
                .containsEntry("log4j2.logger.hcheaders.level", "WARN")
                .containsEntry("log4j2.logger.hcwire.name", "org.apache.hc.client5.http.wire")
                .containsEntry("log4j2.logger.hcwire.level", "WARN");
        java.util.Hashtable<String, Object> operators = new java.util.Hashtable<>(stock);
        operators.put("log4j2.logger.hcwire.level", "ERROR");
        assertThat(KarafFileDefaults.quietLoggers(operators)).isFalse();
        assertThat(operators).containsEntry("log4j2.logger.hcwire.level", "ERROR");
    }

    @Test
    void theConfigAclGainsRulesOnlyWhereItHasNone() {
        java.util.Hashtable<String, Object> stock = new java.util.Hashtable<>();
        stock.put("edit", "manager");
        assertThat(KarafFileDefaults.addMissing(stock, KarafFileDefaults.CONFIG_ACL)).isTrue();
        assertThat(stock).containsEntry("list", "manager").containsEntry("property-list", "manager")
                .containsEntry("edit", "manager");
        java.util.Hashtable<String, Object> operators = new java.util.Hashtable<>();
        operators.put("list", "admin");
        operators.put("property-list", "admin");
        assertThat(KarafFileDefaults.addMissing(operators, KarafFileDefaults.CONFIG_ACL)).isFalse();
        assertThat(operators).containsEntry("list", "admin");
    }
}
