package org.webcallcenter.releng.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** The two products the build ships, with what a user sees of each. */
public enum Product {
	AGENT("org.webcallcenter.product.agent", "agent-workstation", "Web Call Center - Agent Workstation",
			"org.webcallcenter.perspective.agent", "org.webcallcenter.agent.workstation.feature"),
	EXPERT("org.webcallcenter.product.expert", "expert-home", "Web Call Center - Expert Home",
			"org.webcallcenter.perspective.expert", "org.webcallcenter.expert.home.feature");

	/** The product's uid, which is also the name of its Maven module. */
	public final String uid;
	/** The archive's root folder. */
	public final String root;
	public final String windowTitle;
	public final String perspective;
	public final String rootFeature;

	Product(String uid, String root, String windowTitle, String perspective, String rootFeature) {
		this.uid = uid;
		this.root = root;
		this.windowTitle = windowTitle;
		this.perspective = perspective;
		this.rootFeature = rootFeature;
	}

	/** Both products ship the same launcher script, from the shell feature. */
	public String launcher() {
		return "webcallcenter";
	}

	public Path archive() {
		Path archive = Releng.dir().resolve(uid).resolve("target/products/" + root + "-linux.gtk.x86_64.tar.gz");
		if (!Files.isRegularFile(archive)) {
			fail("The product archive " + archive + " is missing: build the products first (./mvnw -B verify from the"
					+ " repository root).");
		}
		return archive;
	}
}
