package org.webcallcenter.releng.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts each product archive as a user would (extract, run the launcher script) under a private Xvfb and checks
 * that its main window is mapped with the product's title, that it reports ready in the right perspective without
 * problems, and that it logged no errors. Waits for conditions; never asserts on how fast anything was.
 */
class ProductLaunchTest {
	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
	private static final Duration POLL = Duration.ofMillis(250);
	private static final Pattern READY = Pattern.compile("(?m)^webcallcenter: ready (.*)$");
	private static final Pattern LOG_ERROR = Pattern.compile("(?m)^!ENTRY \\S+ 4 ");
	private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(");
	private static final Pattern WINDOW_LINE = Pattern.compile("^\\s*(0x[0-9a-fA-F]+) \"(.*)\":");
	/** A 1400x900 PNG of an empty screen is a few hundred bytes; one with a workbench window is far larger. */
	private static final long MIN_SCREENSHOT_BYTES = 10_000;

	private Xvfb xvfb;
	private Process product;

	@AfterEach
	void stopEverything() {
		try {
			Tools.stop(product, Duration.ofSeconds(10));
		} finally {
			if (xvfb != null) {
				xvfb.close();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Product.class)
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void startsShowsItsWindowAndIsReady(Product p) throws Exception {
		Path xwininfo = Tools.require("xwininfo", "x11-utils");
		Path importTool = Tools.require("import", "imagemagick");

		Path work = Releng.target().resolve("launch").resolve(p.root);
		Releng.deleteTree(work);
		Files.createDirectories(work);
		TarArchive.extract(p.archive(), work.resolve("install"));
		Path launcher = work.resolve("install").resolve(p.root).resolve(p.launcher());
		assertTrue(Files.isExecutable(launcher), "The launcher " + launcher + " is missing or not executable");

		xvfb = Xvfb.start(work.resolve("xvfb.log"), Duration.ofSeconds(30));
		Map<String, String> xenv = Map.of("DISPLAY", xvfb.display);

		Path data = work.resolve("data");
		Path home = work.resolve("home");
		Path stdout = work.resolve("stdout.txt");
		Path stderr = work.resolve("stderr.txt");
		Path eclipseLog = data.resolve(".metadata/.log");
		Files.createDirectories(home);
		ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "-data", data.toString(),
				"-Dwebcallcenter.login.prompt=false").directory(work.toFile()).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Map<String, String> env = pb.environment();
		env.put("DISPLAY", xvfb.display);
		env.put("JAVA_HOME", System.getProperty("java.home"));
		// Keep GTK, WebKit and the key file of the account store out of the real home folder.
		env.put("HOME", home.toString());
		env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
		env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
		env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
		env.put("GDK_BACKEND", "x11");
		env.remove("WAYLAND_DISPLAY");
		env.remove("WCC_VM_ARGS");
		long started = System.nanoTime();
		product = pb.start();

		String what = p.root + " (pid " + product.pid() + ", Xvfb " + xvfb.display + " pid " + xvfb.pid() + ")";
		Optional<String> window = Optional.empty();
		Optional<String> ready = Optional.empty();
		long windowAt = -1;
		long readyAt = -1;
		long deadline = started + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && (window.isEmpty() || ready.isEmpty())) {
			if (!product.isAlive()) {
				fail(what + " exited with " + product.exitValue() + " before it was up.\n"
						+ diagnostics(stdout, stderr, eclipseLog));
			}
			if (window.isEmpty()) {
				window = mappedTopLevelWindow(xwininfo, xenv, p.windowTitle);
				if (window.isPresent()) {
					windowAt = System.nanoTime();
				}
			}
			if (ready.isEmpty()) {
				Matcher m = READY.matcher(read(stdout));
				if (m.find()) {
					ready = Optional.of(m.group(1));
					readyAt = System.nanoTime();
				}
			}
			Thread.sleep(POLL.toMillis());
		}
		if (window.isEmpty()) {
			fail(what + ": no top-level window titled \"" + p.windowTitle + "\" was mapped within " + START_TIMEOUT
					+ ". Top-level windows:\n" + topLevelWindows(xwininfo, xenv) + "\n"
					+ diagnostics(stdout, stderr, eclipseLog));
		}
		if (ready.isEmpty()) {
			fail(what + ": no 'webcallcenter: ready' line within " + START_TIMEOUT + ".\n"
					+ diagnostics(stdout, stderr, eclipseLog));
		}
		System.out.printf("%s: window %s mapped after %.2f s, ready after %.2f s: %s%n", p.root, window.get(),
				(windowAt - started) / 1e9, (readyAt - started) / 1e9, ready.get());

		Map<String, String> fields = fields(ready.get());
		assertEquals(p.perspective, fields.get("perspective"),
				what + ": ready in the wrong perspective: " + ready.get());
		assertEquals("0", fields.get("problems"),
				what + ": ready with problems: " + ready.get() + "\n" + diagnostics(stdout, stderr, eclipseLog));
		// what the workstation found on screen (shown, with a real size) when it was ready
		assertTrue(List.of(fields.getOrDefault("toolcontrols", "").split(",")).contains(
				"org.webcallcenter.agent.ui.toolcontrol.state"), what + ": the state toolbar is not shown: " + ready.get());
		assertTrue(Integer.parseInt(fields.getOrDefault("statusbar", "0")) >= 2,
				what + ": the status bar shows fewer than its two entries (agent, readiness): " + ready.get());

		Path shots = Releng.target().resolve("screenshots");
		Files.createDirectories(shots);
		Path shot = shots.resolve(p.root + ".png");
		Files.deleteIfExists(shot);
		Tools.Result taken = Tools.run(
				List.of(importTool.toString(), "-display", xvfb.display, "-window", "root", shot.toString()), xenv,
				Duration.ofSeconds(60));
		assertEquals(0, taken.exitCode(), "import failed: " + taken.stderr());
		assertTrue(Files.isRegularFile(shot), "No screenshot at " + shot);
		assertTrue(Files.size(shot) > MIN_SCREENSHOT_BYTES,
				"The screenshot " + shot + " is only " + Files.size(shot) + " bytes: the screen looks empty");
		BufferedImage image = ImageIO.read(shot.toFile());
		assertEquals(1400, image.getWidth(), "screenshot width");
		assertEquals(900, image.getHeight(), "screenshot height");
		assertTrue(distinctColors(image) > 16, "The screenshot " + shot + " is nearly uniform: nothing is drawn");

		String log = Files.exists(eclipseLog) ? read(eclipseLog) : "";
		assertTrue(!LOG_ERROR.matcher(log).find(),
				what + " logged errors to " + eclipseLog + ":\n" + Releng.tail(eclipseLog, 20_000));
		String out = read(stdout) + read(stderr);
		assertTrue(!out.contains("Exception") && !STACK_FRAME.matcher(out).find(),
				what + " printed a Java stack trace:\n" + diagnostics(stdout, stderr, eclipseLog));
	}

	/** The id of a mapped (viewable) child of the root window whose name is exactly {@code title}. */
	private static Optional<String> mappedTopLevelWindow(Path xwininfo, Map<String, String> env, String title)
			throws IOException, InterruptedException {
		Tools.Result tree = Tools.run(List.of(xwininfo.toString(), "-root", "-children"), env,
				Duration.ofSeconds(30));
		if (tree.exitCode() != 0) {
			return Optional.empty();
		}
		for (String line : tree.stdout().split("\n")) {
			Matcher m = WINDOW_LINE.matcher(line);
			if (m.find() && isTitle(m.group(2), title)) {
				Tools.Result info = Tools.run(List.of(xwininfo.toString(), "-id", m.group(1)), env,
						Duration.ofSeconds(30));
				if (info.exitCode() == 0 && info.stdout().contains("Map State: IsViewable")) {
					return Optional.of(m.group(1));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * SWT on GTK pads every shell title with one trailing space (an old GTK work-around in Shell.setText), so the X
	 * window name is the product title plus that one space. Anything else is a different title.
	 */
	static boolean isTitle(String windowName, String title) {
		return windowName.equals(title) || windowName.equals(title + " ");
	}

	private static String topLevelWindows(Path xwininfo, Map<String, String> env) {
		try {
			return Tools.run(List.of(xwininfo.toString(), "-root", "-children"), env, Duration.ofSeconds(30))
					.stdout();
		} catch (IOException e) {
			return e.toString();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return e.toString();
		}
	}

	private static Map<String, String> fields(String readyRest) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String token : readyRest.trim().split("\\s+")) {
			int eq = token.indexOf('=');
			if (eq > 0) {
				fields.put(token.substring(0, eq), token.substring(eq + 1));
			}
		}
		return fields;
	}

	private static int distinctColors(BufferedImage image) {
		Set<Integer> colors = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 3) {
			for (int x = 0; x < image.getWidth(); x += 3) {
				colors.add(image.getRGB(x, y));
			}
		}
		return colors.size();
	}

	private static String read(Path file) throws IOException {
		return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
	}

	private static String diagnostics(Path stdout, Path stderr, Path eclipseLog) {
		return "--- stdout:\n" + Releng.tail(stdout, 10_000) + "\n--- stderr:\n" + Releng.tail(stderr, 10_000)
				+ "\n--- " + eclipseLog + ":\n" + Releng.tail(eclipseLog, 20_000);
	}
}
