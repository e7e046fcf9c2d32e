package org.webcallcenter.releng.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the product archives contain: Expert Home is Agent Workstation minus the branch desk, and each archive
 * carries its executable launcher script at the root. Reads the tar.gz files, which is what users get.
 */
class ProductContentTest {
	/** {@code <id>_<version>} or {@code <id>_<version>.jar}; OSGi versions in file names have three numbers. */
	private static final Pattern ID_VERSION = Pattern.compile("^(.+?)_(\\d+\\.\\d+\\.\\d+[^/]*?)(\\.jar)?$");

	record Content(Set<String> features, Set<String> plugins, Map<String, TarArchive.Entry> entries) {
	}

	private static final Map<Product, Content> CACHE = new HashMap<>();

	static synchronized Content content(Product p) throws IOException {
		Content cached = CACHE.get(p);
		if (cached != null) {
			return cached;
		}
		List<TarArchive.Entry> list = TarArchive.list(p.archive());
		Set<String> features = new TreeSet<>();
		Set<String> plugins = new TreeSet<>();
		Map<String, TarArchive.Entry> entries = new HashMap<>();
		for (TarArchive.Entry e : list) {
			entries.put(e.name(), e);
			String[] parts = e.name().split("/");
			// <root>/features/<id>_<version>[.jar] and <root>/plugins/<bsn>_<version>[.jar]
			if (parts.length != 3 || !parts[0].equals(p.root)) {
				continue;
			}
			Matcher m = ID_VERSION.matcher(parts[2]);
			if (!m.matches()) {
				continue;
			}
			if (parts[1].equals("features")) {
				features.add(m.group(1));
			} else if (parts[1].equals("plugins")) {
				plugins.add(m.group(1));
			}
		}
		Content c = new Content(features, plugins, entries);
		CACHE.put(p, c);
		return c;
	}

	@Test
	void expertFeaturesAreAStrictSubsetOfAgentFeatures() throws IOException {
		Set<String> agent = content(Product.AGENT).features();
		Set<String> expert = content(Product.EXPERT).features();
		assertTrue(agent.contains(Product.AGENT.rootFeature), "Agent Workstation features: " + agent);
		assertTrue(expert.contains(Product.EXPERT.rootFeature), "Expert Home features: " + expert);
		assertTrue(agent.contains("org.webcallcenter.branch.feature"), "Agent Workstation features: " + agent);
		assertFalse(expert.contains("org.webcallcenter.branch.feature"), "Expert Home features: " + expert);
		Set<String> extra = without(expert, agent);
		assertTrue(extra.isEmpty(), "Expert Home has features Agent Workstation lacks: " + extra);
		assertTrue(agent.size() > expert.size(),
				"Expert Home's features are not a strict subset of Agent Workstation's: expert " + expert + ", agent "
						+ agent);
	}

	@Test
	void expertPluginsAreASubsetOfAgentPlugins() throws IOException {
		Set<String> agent = content(Product.AGENT).plugins();
		Set<String> expert = content(Product.EXPERT).plugins();
		assertFalse(expert.isEmpty(), "Expert Home has no plugins");
		Set<String> extra = without(expert, agent);
		assertTrue(extra.isEmpty(), "Expert Home has plugins Agent Workstation lacks: " + extra);
		assertTrue(agent.contains("org.webcallcenter.branch.ui"), "Agent Workstation plugins: " + agent);
		assertFalse(expert.contains("org.webcallcenter.branch.ui"), "Expert Home plugins: " + expert);
		assertTrue(agent.contains("org.eclipse.equinox.launcher") && expert.contains("org.eclipse.equinox.launcher"),
				"Both products need the Equinox launcher jar that their launcher scripts run");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Product.class)
	void archiveHasItsExecutableLauncherAtTheRoot(Product p) throws IOException {
		String name = p.root + "/" + p.launcher();
		TarArchive.Entry launcher = content(p).entries().get(name);
		if (launcher == null) {
			fail(p.archive() + " has no " + name);
		}
		assertEquals(TarArchive.Type.FILE, launcher.type(), name + " is not a regular file");
		assertEquals("755", Integer.toOctalString(launcher.mode() & 0777), name + " has the wrong mode");
		byte[][] head = new byte[1][];
		TarArchive.read(p.archive(), (entry, data) -> {
			if (entry.name().equals(name)) {
				head[0] = data.readNBytes(2);
			}
		});
		assertEquals("#!", new String(head[0], StandardCharsets.US_ASCII), name + " is not a script");
	}

	private static Set<String> without(Set<String> set, String element) {
		return without(set, Set.of(element));
	}

	private static Set<String> without(Set<String> set, Set<String> others) {
		Set<String> result = new TreeSet<>(set);
		result.removeAll(others);
		return result;
	}
}
