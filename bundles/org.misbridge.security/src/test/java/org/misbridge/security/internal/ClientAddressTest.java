package org.misbridge.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    /** How InetSocketAddress.toString (SSH) and ServletRequest.getRemoteAddr (HTTP) write a peer. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/127.0.0.1:35700|127.0.0.1",
        "localhost/127.0.0.1:8101|127.0.0.1",
        "/[0:0:0:0:0:0:0:1]:35700|0:0:0:0:0:0:0:1",
        "127.0.0.1|127.0.0.1",
        "0:0:0:0:0:0:0:1|0:0:0:0:0:0:0:1",
        "/[]:1|unknown",
    })
    void theHostIsTheAddressWithoutItsPort(String address, String host) {
        assertThat(ClientAddress.host(address)).isEqualTo(host);
    }

    @Test
    void theSubjectsClientPrincipalNamesTheMethodAndAddress() {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        subject.getPrincipals().add(new ClientPrincipal("ssh", "/10.1.2.3:40000"));
        assertThat(ClientAddress.of(subject)).isEqualTo(new ClientAddress("ssh", "10.1.2.3"));
        assertThat(ClientAddress.of(new Subject())).isEqualTo(new ClientAddress("unknown", "unknown"));
    }
}
