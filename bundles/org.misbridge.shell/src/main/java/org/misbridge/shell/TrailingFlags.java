package org.misbridge.shell;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.UnsafeCharacters;

/**
 * Flags typed after a command's arguments, as in {@code school:status demo --json}. Karaf's parser
 * reads options only up to the first argument and hands the rest to the command as arguments, so the
 * commands finish the parse here, by one rule: a flag (an option that takes no value) may also follow
 * the arguments; an option that takes a value goes before them.
 */
public final class TrailingFlags {

    private TrailingFlags() {
    }

    /**
     * Sets the command's flag for each {@code --name} among the tokens and returns the other tokens in
     * order. A token starting with {@code --} that names no flag of the command is refused, an option
     * that takes a value ({@code --limit}, {@code --yes=true}) included.
     */
    public static List<String> apply(Action command, @Nullable List<String> tokens) throws CommandException {
        List<String> values = new ArrayList<>();
        for (String token : tokens == null ? List.<String>of() : tokens) {
            if (!token.startsWith("--")) {
                values.add(token);
                continue;
            }
            Field flag = flag(command.getClass(), token);
            if (flag == null) {
                throw unexpected(token);
            }
            try {
                flag.setAccessible(true);
                flag.set(command, Boolean.TRUE);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set " + token + " of " + command.getClass().getName(), e);
            }
        }
        return values;
    }

    /** The refusal of a word after the arguments that the command does not take. */
    public static CommandException unexpected(String token) {
        return new CommandException("Unexpected argument '" + UnsafeCharacters.escape(token)
                + "': options that take a value go before the school id (see --help).");
    }

    /** The boolean option field named {@code name}, declared by the command's class or a superclass. */
    private static @Nullable Field flag(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null && (field.getType() == boolean.class || field.getType() == Boolean.class)
                        && (option.name().equals(name) || Arrays.asList(option.aliases()).contains(name))) {
                    return field;
                }
            }
        }
        return null;
    }
}
