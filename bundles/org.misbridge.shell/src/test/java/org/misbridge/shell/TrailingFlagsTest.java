package org.misbridge.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** Flags after the arguments: a flag is set, a value kept in order, anything else starting with -- refused. */
class TrailingFlagsTest {

    /** A command as Karaf's parser leaves it: options declared here and in a superclass. */
    static class Base implements Action {
        @Option(name = "--json")
        boolean json;

        @Override
        public Object execute() {
            return null;
        }
    }

    static final class Example extends Base {
        @Option(name = "--yes", aliases = "-y")
        Boolean yes = false;

        @Option(name = "--limit")
        String limit = "50";
    }

    @Test
    void flagsOfTheCommandAndItsSuperclassAreSetAndValuesKeptInOrder() throws Exception {
        Example c = new Example();

        List<String> values = TrailingFlags.apply(c, List.of("31", "--json", "-5", "--yes", "+2"));

        assertThat(c.json).isTrue();
        assertThat(c.yes).isTrue();
        assertThat(values).containsExactly("31", "-5", "+2");
    }

    @Test
    void anAliasCountsAsItsFlagAndNoTokensChangeNothing() throws Exception {
        Example c = new Example();

        assertThat(TrailingFlags.apply(c, null)).isEmpty();
        assertThat(c.yes).isFalse();
        TrailingFlags.apply(c, List.of("-y"));
        // "-y" does not start with "--": a value, not a flag; only Karaf's parser, before the arguments, reads aliases
        assertThat(c.yes).isFalse();
    }

    @Test
    void anUnknownFlagAnOptionWithAValueAndAFlagWithAValueAreRefused() {
        for (String token : List.of("--bogus", "--limit", "--yes=true", "--")) {
            assertThatThrownBy(() -> TrailingFlags.apply(new Example(), List.of("demo", token)))
                    .isInstanceOf(CommandException.class)
                    .hasMessage("Unexpected argument '" + token + "': options that take a value go before the school id (see --help).");
        }
    }

    @Test
    void aRefusedWordIsPrintedEscaped() {
        assertThatThrownBy(() -> TrailingFlags.apply(new Example(), List.of("--a\u001b[2Jb")))
                .hasMessageNotContaining("\u001b");
    }
}
