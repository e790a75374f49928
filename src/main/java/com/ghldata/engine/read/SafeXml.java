package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses the XML parts of a workbook with Aalto's SAX parser, refusing any DOCTYPE with UNSAFE_XML.
 * Aalto parses a 1M-row sheet in about half the time of the JDK's parser (BENCHMARKS.md). It reads
 * no external DTD or entity; a DOCTYPE reaches {@code startDTD}, which aborts before the first
 * element, so no entity declared there is ever expanded (XXE, billion laughs). External entities
 * stay switched off and an entity resolver refuses too.
 */
final class SafeXml {
  private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

  private static final SAXParserFactory PARSERS = parsers();

  private static final DefaultHandler2 DTD_REFUSER = new DefaultHandler2() {
    @Override
    public void startDTD(String name, String publicId, String systemId) throws SAXException {
      throw Abort.refuse(unsafe());
    }
  };

  private static final DefaultHandler QUIET = new DefaultHandler();

  private SafeXml() {}

  /**
   * Parses one part, closing the stream. Ends normally when the handler throws {@link Abort#stop()}.
   * Namespaces are processed: handlers read element names with {@link #localName(String, String)}.
   *
   * @throws ConversionException UNSAFE_XML, a handler's refusal, ZIP_BOMB when POI's zip guard trips,
   *     CORRUPT_FILE for anything else that goes wrong in the part
   */
  static void parse(InputStream part, ContentHandler handler, String partName) throws ConversionException {
    try (InputStream in = part) {
      reader(handler).parse(new InputSource(in));
    } catch (Abort abort) {
      abort.rethrow();
    } catch (SAXException | IOException | RuntimeException e) {
      Abort abort = find(e);
      if (abort != null) {
        abort.rethrow();
        return;
      }
      throw PoiFailures.workbook(e, partName);
    }
  }

  /** An element's name without its prefix, whether or not namespaces are processed. */
  static String localName(String localName, String qName) {
    if (localName != null && !localName.isEmpty()) {
      return localName;
    }
    int colon = qName.indexOf(':');
    return colon < 0 ? qName : qName.substring(colon + 1);
  }

  static ConversionException unsafe() {
    return new ConversionException(ConversionError.UNSAFE_XML,
        "The spreadsheet contains an XML DOCTYPE or entity declaration, which is refused for safety.");
  }

  private static SAXParserFactory parsers() {
    SAXParserFactory factory = new com.fasterxml.aalto.sax.SAXParserFactoryImpl();
    factory.setNamespaceAware(true);
    try {
      factory.setFeature(EXTERNAL_GENERAL, false);
      factory.setFeature(EXTERNAL_PARAMETER, false);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("Aalto refused to switch external entities off", e);
    }
    return factory;
  }

  private static XMLReader reader(ContentHandler handler) throws SAXException {
    XMLReader reader;
    try {
      reader = PARSERS.newSAXParser().getXMLReader();
    } catch (ParserConfigurationException e) {
      throw new SAXException(e);
    }
    reader.setProperty(LEXICAL_HANDLER, DTD_REFUSER);
    reader.setEntityResolver((publicId, systemId) -> {
      throw Abort.refuse(unsafe());
    });
    reader.setContentHandler(handler);
    reader.setErrorHandler(QUIET);
    return reader;
  }

  private static Abort find(Throwable e) {
    for (int depth = 0; e != null && depth < 32; depth++, e = e.getCause()) {
      if (e instanceof Abort abort) {
        return abort;
      }
      if (e instanceof SAXException sax && sax.getException() instanceof Abort abort) {
        return abort;
      }
    }
    return null;
  }

  /**
   * Leaves a SAX parse early: to stop (the handler has what it needs), with a refusal, or with the
   * row handler's own runtime failure, which must reach the caller unchanged.
   */
  static final class Abort extends SAXException {
    private static final long serialVersionUID = 1L;
    private final transient ConversionException refusal;
    private final RuntimeException failure;

    private Abort(ConversionException refusal, RuntimeException failure) {
      super(refusal != null ? refusal.getMessage() : "stop");
      this.refusal = refusal;
      this.failure = failure;
    }

    static Abort stop() {
      return new Abort(null, null);
    }

    static Abort refuse(ConversionException refusal) {
      return new Abort(refusal, null);
    }

    static Abort failed(RuntimeException failure) {
      return new Abort(null, failure);
    }

    void rethrow() throws ConversionException {
      if (refusal != null) {
        throw refusal;
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
