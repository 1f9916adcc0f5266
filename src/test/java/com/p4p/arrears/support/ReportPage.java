package com.p4p.arrears.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A night's report.html read the way a checker would: the page is well-formed XML as well as
 * HTML, so it is parsed with the JDK's XML parser (a malformed page fails here) and queried by XPath.
 */
public final class ReportPage {

    private final String html;
    private final Document doc;

    public ReportPage(String html) {
        this.html = html;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            this.doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("report.html is not well-formed: " + e.getMessage(), e);
        }
    }

    public static ReportPage of(Path file) {
        try {
            return new ReportPage(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String html() {
        return html;
    }

    /** The elements an XPath expression selects. */
    public List<Element> all(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** The one element an XPath expression selects. */
    public Element one(String xpath) {
        List<Element> found = all(xpath);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " elements match " + xpath);
        }
        return found.get(0);
    }

    /** An element's text as shown, thousands separators removed: the figure as the CSVs write it. */
    public static String figure(Element e) {
        return e.getTextContent().trim().replace(",", "");
    }

    /** The cells of each body row of a table, as text. */
    public List<List<String>> rows(String tableXpath) {
        List<List<String>> out = new ArrayList<>();
        for (Element tr : all(tableXpath + "/tbody/tr")) {
            List<String> cells = new ArrayList<>();
            NodeList tds = tr.getElementsByTagName("td");
            for (int i = 0; i < tds.getLength(); i++) {
                cells.add(tds.item(i).getTextContent().trim());
            }
            out.add(cells);
        }
        return out;
    }
}
