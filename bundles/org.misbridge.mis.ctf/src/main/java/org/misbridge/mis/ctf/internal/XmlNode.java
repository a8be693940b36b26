package org.misbridge.mis.ctf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An element kept from the file: its name, where it is (element path and line, for errors), its
 * text and the children that were kept. Only the parts of a pupil the reader uses are kept, so a
 * pupil's attendance and assessments never sit in memory.
 */
record XmlNode(String name, String path, int line, String text, List<XmlNode> children) {

    XmlNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        children = List.copyOf(children);
    }

    /** The first child called {@code childName}, or null. */
    @Nullable XmlNode child(String childName) {
        for (XmlNode child : children) {
            if (child.name().equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** The node at a slash-separated relative path such as {@code BasicDetails/NCyearActual}, or null. */
    @Nullable XmlNode at(String relativePath) {
        XmlNode node = this;
        for (String step : relativePath.split("/")) {
            node = node.child(step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Every child called {@code childName}, in document order. */
    List<XmlNode> all(String childName) {
        List<XmlNode> found = new ArrayList<>();
        for (XmlNode child : children) {
            if (child.name().equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The stripped text at {@code relativePath}, or null when the element is absent or blank. */
    @Nullable String text(String relativePath) {
        XmlNode node = at(relativePath);
        if (node == null) {
            return null;
        }
        String value = node.text().strip();
        return value.isEmpty() ? null : value;
    }
}
