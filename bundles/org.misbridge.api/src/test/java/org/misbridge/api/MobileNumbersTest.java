package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MobileNumbersTest {

    @Test
    void everyWayOfWritingOneUkMobileHasOneForm() {
        // the national form: 0, then the ten digits after +44 (Ofcom's drama range)
        for (String raw : List.of("07700900123", "07700 900123", "+44 7700 900123", "+447700900123", "0044 7700 900123",
                "447700900123", "+44 (0)7700 900123", "+44 07700 900123", " 07700-900.123 ", "(0)7700/900123",
                "07700\u00a0900123", "+44\t7700\n900123")) {
            assertThat(MobileNumbers.canonical(raw)).as(raw).isEqualTo("07700900123");
        }
    }

    @Test
    void aNumberThatIsNotUkLosesOnlyItsSeparators() {
        assertThat(MobileNumbers.canonical("+33 6 12 34 56 78")).isEqualTo("+33612345678");
        assertThat(MobileNumbers.canonical("00 33 612 345 678")).isEqualTo("0033612345678");
        assertThat(MobileNumbers.canonical("6037778888")).isEqualTo("6037778888");
        // 44 and fewer than ten digits is not the country code
        assertThat(MobileNumbers.canonical("44 123 456")).isEqualTo("44123456");
    }

    @Test
    void theCanonicalFormIsAFixedPoint() {
        // "+44 0044 7700 900123": the country code twice; one pass leaves 0044 7700 900123, the next 07700900123
        assertThat(MobileNumbers.canonical("+44 0044 7700 900123")).isEqualTo("07700900123");
        for (String raw : List.of("+44 0044 7700 900123", "+44 00 7700", "0044", "+440", "44 44 7700 900123 0",
                "+33 6 12 34 56 78", "07700 900123", "(0)", "")) {
            String once = MobileNumbers.canonical(raw);
            assertThat(MobileNumbers.canonical(once)).as(raw).isEqualTo(once);
        }
    }

    @Test
    void ukNationalIsNullForANumberOutsideTheUk() {
        assertThat(MobileNumbers.ukNational("+33612345678")).isNull();
        assertThat(MobileNumbers.ukNational("0033612345678")).isNull();
        assertThat(MobileNumbers.ukNational("+447700900123")).isEqualTo("07700900123");
        assertThat(MobileNumbers.ukNational("01632960001")).isEqualTo("01632960001");
    }
}
