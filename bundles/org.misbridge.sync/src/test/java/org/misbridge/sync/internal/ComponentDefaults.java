package org.misbridge.sync.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The properties a component description (OSGI-INF/*.xml, as bnd wrote it from the configuration
 * annotation's defaults) gives every configuration of the component, typed as DS types them.
 */
final class ComponentDefaults {

    private ComponentDefaults() {
    }

    static Map<String, Object> of(Class<?> component) {
        String resource = "/OSGI-INF/" + component.getName() + ".xml";
        try (InputStream in = component.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: build the bundle first");
            }
            NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("property");
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < properties.getLength(); i++) {
                Element p = (Element) properties.item(i);
                String type = p.getAttribute("type");
                if (p.hasAttribute("value")) {
                    values.put(p.getAttribute("name"), typed(type, p.getAttribute("value")));
                } else {
                    List<Object> array = new ArrayList<>();
                    for (String line : p.getTextContent().split("\n")) {
                        if (!line.isBlank()) {
                            array.add(typed(type, line.strip()));
                        }
                    }
                    values.put(p.getAttribute("name"), "Integer".equals(type) ? array.toArray(new Integer[0])
                            : "Boolean".equals(type) ? array.toArray(new Boolean[0]) : array.toArray(new String[0]));
                }
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static Object typed(String type, String value) {
        return switch (type) {
            case "Integer" -> Integer.valueOf(value);
            case "Boolean" -> Boolean.valueOf(value);
            default -> value;
        };
    }
}
