package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Parses answers with the JDK's DOM parser in secure mode, as a strict client would. */
final class TestXml {
  private TestXml() {}

  /** Parses a document that must not have a DOCTYPE. */
  static Document parse(byte[] xml) {
    return parse(xml, true);
  }

  /** Parses a plist: the Apple DOCTYPE is allowed but the external DTD is never loaded. */
  static Document parsePlist(byte[] xml) {
    return parse(xml, false);
  }

  private static Document parse(byte[] xml, boolean refuseDoctype) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", refuseDoctype);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      DocumentBuilder b = f.newDocumentBuilder();
      b.setEntityResolver((p, s) -> new InputSource(new StringReader("")));
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + new String(xml), e);
    }
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Element parent, String localName) {
    List<Element> c = children(parent, localName);
    assertThat(c).as("exactly one <%s> in <%s>", localName, parent.getLocalName()).hasSize(1);
    return c.get(0);
  }

  static String text(Element parent, String localName) {
    return child(parent, localName).getTextContent();
  }

  /** A plist {@code <dict>} as key → value element. */
  static Map<String, Element> dict(Element dict) {
    assertThat(dict.getLocalName()).isEqualTo("dict");
    Map<String, Element> out = new LinkedHashMap<>();
    String key = null;
    for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      if (key == null) {
        assertThat(e.getLocalName()).as("plist dict entries alternate key/value").isEqualTo("key");
        key = e.getTextContent();
      } else {
        assertThat(out.put(key, e)).as("duplicate plist key %s", key).isNull();
        key = null;
      }
    }
    assertThat(key).as("dangling plist key").isNull();
    return out;
  }
}
