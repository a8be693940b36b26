package org.misbridge.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggerLevelsTest {

    private static final List<String> CAPPED = HttpClientLogPin.LOGGERS;

    /** The two lines of etc/org.ops4j.pax.logging.cfg, as log:set DEBUG org.apache.hc.client5.http.headers leaves them. */
    private static Hashtable<String, Object> raised() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("log4j2.rootLogger.level", "INFO");
        p.put("log4j2.logger.hcheaders.name", "org.apache.hc.client5.http.headers");
        p.put("log4j2.logger.hcheaders.level", "DEBUG");
        p.put("log4j2.logger.hcwire.name", "org.apache.hc.client5.http.wire");
        p.put("log4j2.logger.hcwire.level", "WARN");
        return p;
    }

    @Test
    void aLoggerRaisedAboveWarnIsCappedAtWarn() {
        Hashtable<String, Object> p = raised();
        assertThat(LoggerLevels.cap(p, CAPPED)).containsExactly("org.apache.hc.client5.http.headers=DEBUG");
        assertThat(p.get("log4j2.logger.hcheaders.level")).isEqualTo("WARN");
        assertThat(p.get("log4j2.logger.hcwire.level")).isEqualTo("WARN");
        assertThat(p.get("log4j2.rootLogger.level")).isEqualTo("INFO");
    }

    @Test
    void quieterLevelsStayAsTheyAre() {
        Hashtable<String, Object> p = raised();
        p.put("log4j2.logger.hcheaders.level", "error");
        p.put("log4j2.logger.hcwire.level", "OFF");
        assertThat(LoggerLevels.cap(p, CAPPED)).isEmpty();
        assertThat(p.get("log4j2.logger.hcheaders.level")).isEqualTo("error");
    }

    @Test
    void aLoggerBelowACappedOneIsCappedAndOneBesideItIsNot() {
        Hashtable<String, Object> p = raised();
        p.put("log4j2.logger.deeper.name", "org.apache.hc.client5.http.wire.more");
        p.put("log4j2.logger.deeper.level", "TRACE");
        p.put("log4j2.logger.beside.name", "org.apache.hc.client5.http.wired");
        p.put("log4j2.logger.beside.level", "TRACE");
        p.put("log4j2.logger.parent.name", "org.apache.hc.client5.http");
        p.put("log4j2.logger.parent.level", "DEBUG");
        LoggerLevels.cap(p, CAPPED);
        assertThat(p.get("log4j2.logger.deeper.level")).isEqualTo("WARN");
        assertThat(p.get("log4j2.logger.beside.level")).isEqualTo("TRACE");
        // the parent may talk: the capped loggers have levels of their own, which is what stops its DEBUG reaching them
        assertThat(p.get("log4j2.logger.parent.level")).isEqualTo("DEBUG");
    }

    @Test
    void aCappedLoggerTheConfigurationDropsIsAddedBackAtWarn() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("log4j2.rootLogger.level", "TRACE");
        assertThat(LoggerLevels.cap(p, CAPPED)).containsExactly("org.apache.hc.client5.http.headers=unset",
                "org.apache.hc.client5.http.wire=unset");
        assertThat(p).containsEntry("log4j2.logger.misbridge_capped_0.name", "org.apache.hc.client5.http.headers")
                .containsEntry("log4j2.logger.misbridge_capped_0.level", "WARN")
                .containsEntry("log4j2.logger.misbridge_capped_1.name", "org.apache.hc.client5.http.wire");
    }

    @Test
    void aNamedLoggerWithoutALevelOrWithOneLog4jDoesNotKnowIsCapped() {
        Hashtable<String, Object> p = raised();
        p.remove("log4j2.logger.hcheaders.level");
        p.put("log4j2.logger.hcwire.level", "VERBOSE");
        LoggerLevels.cap(p, CAPPED);
        assertThat(p.get("log4j2.logger.hcheaders.level")).isEqualTo("WARN");
        assertThat(p.get("log4j2.logger.hcwire.level")).isEqualTo("WARN");
    }
}
