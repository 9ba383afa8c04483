package io.cphub.proxy.autoconfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A parsed POX Autodiscover request. The parser refuses any DOCTYPE (so no entity, internal or
 * external, is ever expanded or fetched), ignores namespaces' spelling (http/https, missing), and
 * tolerates junk before the first {@code <} and after the last {@code >}. Thread-safe: a factory is
 * shared, a builder is made per call.
 *
 * @param emailAddress the {@code Request/EMailAddress} text as sent
 * @param responseSchema the {@code Request/AcceptableResponseSchema} text, or null when absent
 */
record AutodiscoverRequest(String emailAddress, String responseSchema) {
  static final int MAX_FIELD = 512;
  private static final DocumentBuilderFactory FACTORY = secureFactory();

  /** Parses a request body or throws {@link BadRequestException}. */
  static AutodiscoverRequest parse(byte[] body) {
    Element root = parseDocument(trim(body)).getDocumentElement();
    if (!"Autodiscover".equals(localName(root))) {
      throw new BadRequestException("not an Autodiscover request", "root element " + localName(root));
    }
    Element request = onlyChild(root, "Request", true);
    Element email = onlyChild(request, "EMailAddress", false);
    if (email == null) {
      throw new BadRequestException("Autodiscover request has no EMailAddress");
    }
    Element schema = onlyChild(request, "AcceptableResponseSchema", false);
    return new AutodiscoverRequest(text(email), schema == null ? null : text(schema));
  }

  private static byte[] trim(byte[] body) {
    int start = 0;
    while (start < body.length && body[start] != '<') {
      start++;
    }
    int end = body.length;
    while (end > start && body[end - 1] != '>') {
      end--;
    }
    if (end <= start) {
      throw new BadRequestException("Autodiscover request body is not XML");
    }
    byte[] out = new byte[end - start];
    System.arraycopy(body, start, out, 0, out.length);
    return out;
  }

  private static Document parseDocument(byte[] xml) {
    try {
      DocumentBuilder builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(THROWING);
      builder.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entities are not allowed");
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXException | IOException e) {
      throw new BadRequestException("Autodiscover request is not well-formed XML", e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new AutoconfigException("XML parser cannot be configured securely", e);
    }
  }

  private static Element onlyChild(Element parent, String name, boolean required) {
    Element found = null;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        if (found != null) {
          throw new BadRequestException("Autodiscover request has more than one " + name);
        }
        found = e;
      }
    }
    if (found == null && required) {
      throw new BadRequestException("Autodiscover request has no " + name);
    }
    return found;
  }

  private static String text(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        throw new BadRequestException("Autodiscover " + localName(e) + " must hold text only");
      }
    }
    String s = e.getTextContent().strip();
    if (s.length() > MAX_FIELD) {
      throw new BadRequestException("Autodiscover " + localName(e) + " is too long");
    }
    return s;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  static DocumentBuilderFactory secureFactory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new AutoconfigException("XML parser cannot be configured securely", e);
    }
  }

  private static final ErrorHandler THROWING = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
      // Warnings do not make a request invalid; nothing to report.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };
}
