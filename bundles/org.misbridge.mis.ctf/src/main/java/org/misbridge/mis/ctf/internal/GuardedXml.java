package org.misbridge.mis.ctf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * A StAX reader that refuses what a CTF never needs and an attacker would use. A DOCTYPE is
 * refused outright, so no entity is ever declared, expanded or fetched (billion laughs, external
 * entities); DTD support and external entities are also switched off in the factory. Every run
 * of text, every attribute and the nesting depth are checked against the limits as the events
 * arrive (the parser hands text over in chunks of a few kilobytes, so a huge text node fails
 * before it fills the heap), and every byte counts against the file's limit. Input must be UTF-8;
 * bytes that are not fail the read.
 * It tracks the element path, so every error names the file, the element and the line.
 */
final class GuardedXml implements AutoCloseable {

    private final XMLStreamReader xml;
    private final Reader source;
    private final String fileName;
    private final CtfLimits limits;
    private final Set<String> indexed;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private boolean popPending;
    private long textRun;

    /** One open element: how it shows in paths, and how many children of each name it has had. */
    private static final class Frame {
        final String shown;
        final Map<String, Integer> seen = new HashMap<>();

        Frame(String shown) {
            this.shown = shown;
        }
    }

    private GuardedXml(XMLStreamReader xml, Reader source, String fileName, CtfLimits limits, Set<String> indexed) {
        this.xml = xml;
        this.source = source;
        this.fileName = fileName;
        this.limits = limits;
        this.indexed = indexed;
    }

    /**
     * Opens {@code in} (which the returned reader closes) as UTF-8 XML.
     *
     * @param indexed element names shown with their position in paths, e.g. {@code Pupil[3]}
     */
    static GuardedXml open(InputStream in, String fileName, CtfLimits limits, Set<String> indexed) throws MisReadException {
        Reader reader = utf8(new BoundedInputStream(in, limits.maxBytes()));
        XMLInputFactory factory;
        try {
            factory = factory();
        } catch (RuntimeException e) {
            closeQuietly(reader, e);
            throw e;
        }
        XMLStreamReader xml;
        try {
            xml = factory.createXMLStreamReader(reader);
        } catch (XMLStreamException | RuntimeException e) {
            closeQuietly(reader, e);
            throw translate(e, fileName, "", 0, limits);
        }
        GuardedXml guarded = new GuardedXml(xml, reader, fileName, limits, indexed);
        String declared = xml.getCharacterEncodingScheme();
        if (declared != null && !isUtf8(declared)) {
            guarded.close();
            throw new MisReadException(fileName, 1, null, "declares encoding " + MisReadException.shown(declared, 60)
                    + "; a CTF must be UTF-8 (export it again as UTF-8)", null);
        }
        return guarded;
    }

    /** A factory with DTDs and external entities off; refuses to run on one that ignores either. */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // not every StAX implementation knows the JAXP property; the two above are standard
        }
        if (!Boolean.FALSE.equals(factory.getProperty(XMLInputFactory.SUPPORT_DTD))
                || !Boolean.FALSE.equals(factory.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES))) {
            throw new IllegalStateException("the StAX implementation " + factory.getClass().getName()
                    + " does not switch off DTDs and external entities; refusing to parse CTF files with it");
        }
        return factory;
    }

    private static boolean isUtf8(String encoding) {
        String e = encoding.strip().toUpperCase(Locale.ROOT);
        // ASCII is a subset of UTF-8, so such a file decodes the same
        return e.equals("UTF-8") || e.equals("UTF8") || e.equals("US-ASCII") || e.equals("ASCII");
    }

    /** Strict UTF-8 after an optional byte order mark: malformed bytes fail the read instead of becoming '?'. */
    private static Reader utf8(InputStream in) {
        return new Utf8LineReader(new BomSkippingInputStream(in));
    }

    /**
     * The next event, after checking it: a DOCTYPE or an entity reference is refused, text runs and
     * attributes are held to the limit, nesting to the depth limit.
     */
    int next() throws MisReadException {
        if (popPending) {
            stack.pop();
            popPending = false;
        }
        int event;
        try {
            event = xml.next();
        } catch (XMLStreamException | RuntimeException e) {
            throw translate(e, fileName, path(), line(), limits);
        }
        switch (event) {
            case XMLStreamConstants.DTD ->
                throw fail("the file has a DOCTYPE declaration; CTF files have none, and it is refused unread "
                        + "(no entity in it is expanded or fetched)");
            case XMLStreamConstants.ENTITY_REFERENCE ->
                throw fail("the entity reference &" + xml.getLocalName() + "; is refused; CTF files use no entities");
            case XMLStreamConstants.START_ELEMENT -> started();
            case XMLStreamConstants.END_ELEMENT -> {
                textRun = 0;
                popPending = true;
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                textRun += xml.getTextLength();
                if (textRun > limits.maxTextChars()) {
                    throw fail("a text node is longer than the limit of " + limits.maxTextChars() + " characters");
                }
            }
            default -> {
                // comments, processing instructions, start and end of document: nothing to check
            }
        }
        return event;
    }

    private void started() throws MisReadException {
        textRun = 0;
        String name = xml.getLocalName();
        Frame parent = stack.peek();
        int position = parent == null ? 1 : parent.seen.merge(name, 1, Integer::sum);
        stack.push(new Frame(indexed.contains(name) ? name + "[" + position + "]" : name));
        if (stack.size() > limits.maxDepth()) {
            throw fail("elements nest deeper than the limit of " + limits.maxDepth() + " levels");
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeValue(i).length() > limits.maxTextChars()) {
                throw fail("attribute " + xml.getAttributeLocalName(i) + " is longer than the limit of "
                        + limits.maxTextChars() + " characters");
            }
        }
    }

    /** The local name of the current element (namespaces are ignored: a CTF has none). */
    String localName() {
        return xml.getLocalName();
    }

    /** The path of the current element, e.g. {@code CTfile/CTFpupilData/Pupil[2]/Contacts}. */
    String path() {
        StringBuilder path = new StringBuilder();
        Iterator<Frame> fromRoot = stack.descendingIterator();
        while (fromRoot.hasNext()) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(fromRoot.next().shown);
        }
        return path.toString();
    }

    /** The current line, or 0 when the parser does not know it. */
    int line() {
        Location location = xml.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNumber());
    }

    /**
     * Reads the element that has just started, keeping only the descendants whose path relative to
     * it is in {@code kept}; everything else is read past (and still checked) without being stored.
     */
    XmlNode readTree(Set<String> kept) throws MisReadException {
        int[] budget = {limits.maxElementsPerPupil()};
        return readElement("", kept, budget);
    }

    private XmlNode readElement(String relative, Set<String> kept, int[] budget) throws MisReadException {
        String name = localName();
        String path = path();
        int line = line();
        StringBuilder text = new StringBuilder();
        List<XmlNode> children = new ArrayList<>();
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String child = relative.isEmpty() ? localName() : relative + "/" + localName();
                    if (kept.contains(child)) {
                        if (--budget[0] < 0) {
                            throw fail("more than " + limits.maxElementsPerPupil() + " elements are kept for one record");
                        }
                        children.add(readElement(child, kept, budget));
                    } else {
                        skipElement();
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new XmlNode(name, path, line, text.toString(), children);
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    /** Reads past the element that has just started, checking everything on the way. */
    void skipElement() throws MisReadException {
        int open = 1;
        while (open > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                open++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                open--;
            }
        }
    }

    /** An error at the current element and line. */
    MisReadException fail(String message) {
        String path = path();
        return new MisReadException(fileName, line(), path.isEmpty() ? null : path, message, null);
    }

    /** An error at a kept element (or, when {@code child} is not null, at its missing child). */
    MisReadException fail(XmlNode node, @Nullable String child, String message) {
        return new MisReadException(fileName, node.line(), child == null ? node.path() : node.path() + "/" + child, message, null);
    }

    /** Turns the parser's and the input's failures into a read error naming the file, element and line. */
    private static MisReadException translate(Exception e, String fileName, String path, int currentLine, CtfLimits limits) {
        int line = currentLine;
        if (e instanceof XMLStreamException x && x.getLocation() != null && x.getLocation().getLineNumber() > 0) {
            line = x.getLocation().getLineNumber();
        }
        String where = path.isEmpty() ? null : path;
        for (Throwable t = e; t != null; t = cause(t)) {
            if (t instanceof BoundedInputStream.LimitExceeded) {
                return new MisReadException(fileName, line, where, "is larger than the limit of " + limits.maxBytes()
                        + " bytes (ctf.maxBytes); reading stopped there", e);
            }
            if (t instanceof Utf8LineReader.NotUtf8 notUtf8) {
                // the parser reads ahead, so its element is not where the bad bytes are; the line is
                return new MisReadException(fileName, notUtf8.line(), null, "is not UTF-8 text: line " + notUtf8.line()
                        + " has bytes that are not UTF-8; a CTF must be UTF-8, so export it again as UTF-8", e);
            }
            if (t instanceof CharacterCodingException) {
                return new MisReadException(fileName, line, null, "is not UTF-8 text (near line " + line
                        + "); a CTF must be UTF-8, so export it again as UTF-8", e);
            }
        }
        return new MisReadException(fileName, line, where, "is not well-formed XML: " + parserMessage(e), e);
    }

    private static @Nullable Throwable cause(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** The parser's own words without its "ParseError at [row,col]" preamble, which the error already gives. */
    private static String parserMessage(Exception e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        // the parser may quote the document: no more of it than a cell's worth
        return MisReadException.shown((at >= 0 ? message.substring(at + "Message: ".length()) : message).strip(), 200);
    }

    private static void closeQuietly(Reader reader, Exception failure) {
        try {
            reader.close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the reader holds nothing the source below does not
        }
        try {
            source.close();
        } catch (IOException ignored) {
            // read-only file: nothing is lost
        }
    }
}
