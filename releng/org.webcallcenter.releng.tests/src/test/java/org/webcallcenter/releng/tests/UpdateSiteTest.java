package org.webcallcenter.releng.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The p2 update site: one category per product requiring that product's root feature, plus Components. */
class UpdateSiteTest {
	private static final String CATEGORY = "org.eclipse.equinox.p2.type.category";
	private static final String NAME = "org.eclipse.equinox.p2.name";
	private static final Map<String, String> CATEGORY_ROOTS = new LinkedHashMap<>();
	static {
		CATEGORY_ROOTS.put("Agent Workstation", Product.AGENT.rootFeature + ".feature.group");
		CATEGORY_ROOTS.put("Expert Home", Product.EXPERT.rootFeature + ".feature.group");
		CATEGORY_ROOTS.put("Service Center Hub", "org.webcallcenter.hub.feature.feature.group");
		CATEGORY_ROOTS.put("Components", null);
	}

	private static Path repository;
	/** Category label to the ids of the units it requires. */
	private static Map<String, List<String>> categories;
	private static Document artifacts;

	@BeforeAll
	static void readRepository() throws Exception {
		repository = Releng.dir().resolve("org.webcallcenter.repository/target/repository");
		if (!Files.isDirectory(repository)) {
			fail("The update site " + repository + " is missing: build it first (./mvnw -B verify from the"
					+ " repository root).");
		}
		Document content = metadata("content");
		categories = new LinkedHashMap<>();
		for (Element units : direct(content.getDocumentElement(), "units")) {
			for (Element unit : direct(units, "unit")) {
			Map<String, String> props = properties(unit);
			if ("true".equals(props.get(CATEGORY))) {
				List<String> required = new ArrayList<>();
				for (Element r : descendants(unit, "required")) {
					required.add(r.getAttribute("name"));
				}
				categories.put(props.get(NAME), required);
			}
			}
		}
		artifacts = metadata("artifacts");
	}

	@Test
	void categoriesExistWithTheirLabels() {
		assertEquals(CATEGORY_ROOTS.keySet(), categories.keySet(), "category labels in " + repository);
	}

	@Test
	void productCategoriesRequireTheirRootFeatures() {
		CATEGORY_ROOTS.forEach((label, root) -> {
			if (root != null) {
				List<String> required = categories.get(label);
				assertTrue(required != null && required.contains(root),
						"Category \"" + label + "\" should require " + root + " but requires " + required);
			}
		});
		assertTrue(categories.get("Components").contains("org.webcallcenter.shell.feature.feature.group"),
				"Components: " + categories.get("Components"));
	}

	@Test
	void rootFeatureArtifactsExist() {
		for (Product p : Product.values()) {
			Element found = null;
			for (Element a : descendants(artifacts.getDocumentElement(), "artifact")) {
				if ("org.eclipse.update.feature".equals(a.getAttribute("classifier"))
						&& p.rootFeature.equals(a.getAttribute("id"))) {
					found = a;
				}
			}
			if (found == null) {
				fail("No feature artifact for " + p.rootFeature + " in " + repository);
			}
			Path jar = repository.resolve("features/" + p.rootFeature + "_" + found.getAttribute("version") + ".jar");
			assertTrue(Files.isRegularFile(jar), "The artifact of " + p.rootFeature + " is listed but " + jar
					+ " is missing");
		}
	}

	/** Reads {@code <name>.jar} (preferred), {@code <name>.xml} or {@code <name>.xml.xz} (through xz). */
	private static Document metadata(String name) throws Exception {
		Path jar = repository.resolve(name + ".jar");
		Path xml = repository.resolve(name + ".xml");
		Path xz = repository.resolve(name + ".xml.xz");
		byte[] bytes;
		if (Files.isRegularFile(jar)) {
			try (JarFile j = new JarFile(jar.toFile())) {
				ZipEntry e = j.getEntry(name + ".xml");
				if (e == null) {
					return fail(jar + " has no " + name + ".xml");
				}
				try (InputStream in = j.getInputStream(e)) {
					bytes = in.readAllBytes();
				}
			}
		} else if (Files.isRegularFile(xml)) {
			bytes = Files.readAllBytes(xml);
		} else if (Files.isRegularFile(xz)) {
			Path tool = Tools.require("xz", "xz-utils");
			Tools.Result r = Tools.run(List.of(tool.toString(), "-dc", xz.toString()), Map.of(), Duration.ofSeconds(60));
			assertEquals(0, r.exitCode(), "xz -dc " + xz + ": " + r.stderr());
			bytes = r.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		} else {
			return fail("No " + name + ".jar, .xml or .xml.xz in " + repository);
		}
		DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
		f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		f.setExpandEntityReferences(false);
		return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
	}

	private static Map<String, String> properties(Element unit) {
		Map<String, String> props = new LinkedHashMap<>();
		for (Element list : direct(unit, "properties")) {
			for (Element p : direct(list, "property")) {
				props.put(p.getAttribute("name"), p.getAttribute("value"));
			}
		}
		return props;
	}

	private static List<Element> direct(Element parent, String tag) {
		List<Element> result = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
				result.add(e);
			}
		}
		return result;
	}

	private static List<Element> descendants(Element parent, String tag) {
		List<Element> result = new ArrayList<>();
		NodeList nodes = parent.getElementsByTagName(tag);
		for (int i = 0; i < nodes.getLength(); i++) {
			result.add((Element) nodes.item(i));
		}
		return result;
	}
}
