package org.webcallcenter.testing.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.webcallcenter.testing.Poll;

/**
 * Drives the real workbench from the test thread: reads widgets through syncExec and gives input as a user would,
 * with {@link Display#post(Event)} (real X events under Xvfb). Waits for conditions, never for fixed times. Controls
 * are found by the test id the UI bundles put in their widget data under {@link #TEST_ID}. Shared by the UI test
 * fragments; the bundle is in no feature and ships in no product.
 */
public final class Ui {
	/** Key of the widget data that names a control for the tests (the UI bundles use the same string). */
	public static final String TEST_ID = "org.webcallcenter.testId";
	public static final Duration TIMEOUT = Duration.ofSeconds(60);

	private Ui() {
	}

	public static Display display() {
		Display d = Display.findDisplay(uiThread());
		if (d == null) {
			throw new IllegalStateException("No SWT display: the workbench is not running");
		}
		return d;
	}

	private static Thread uiThread() {
		for (Thread t : Thread.getAllStackTraces().keySet()) {
			if (Display.findDisplay(t) != null) {
				return t;
			}
		}
		return null;
	}

	public static <T> T sync(Callable<T> c) {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Throwable> error = new AtomicReference<>();
		display().syncExec(() -> {
			try {
				result.set(c.call());
			} catch (Throwable t) {
				error.set(t);
			}
		});
		if (error.get() != null) {
			throw new AssertionError("UI action failed: " + error.get(), error.get());
		}
		return result.get();
	}

	public static void run(Runnable r) {
		sync(() -> {
			r.run();
			return null;
		});
	}

	public static void waitFor(String what, BooleanSupplier condition) {
		Poll.until(what, TIMEOUT, condition);
	}

	public static IWorkbench workbench() {
		BundleContext context = FrameworkUtil.getBundle(Ui.class).getBundleContext();
		AtomicReference<IWorkbench> wb = new AtomicReference<>();
		waitFor("the e4 workbench service", () -> {
			ServiceReference<IWorkbench> ref = context.getServiceReference(IWorkbench.class);
			if (ref != null) {
				wb.set(context.getService(ref));
			}
			return wb.get() != null;
		});
		return wb.get();
	}

	public static MApplication application() {
		return workbench().getApplication();
	}

	public static <T> T service(Class<T> type) {
		BundleContext context = FrameworkUtil.getBundle(Ui.class).getBundleContext();
		AtomicReference<T> s = new AtomicReference<>();
		waitFor("service " + type.getName(), () -> {
			ServiceReference<T> ref = context.getServiceReference(type);
			if (ref != null) {
				s.set(context.getService(ref));
			}
			return s.get() != null;
		});
		return s.get();
	}

	/** Runs in the UI thread: the first visible control with the given test id in any shell. */
	public static Control find(String testId) {
		for (Shell shell : display().getShells()) {
			Control c = find(shell, testId);
			if (c != null) {
				return c;
			}
		}
		return null;
	}

	private static Control find(Control control, String testId) {
		if (control.isDisposed()) {
			return null;
		}
		if (testId.equals(control.getData(TEST_ID)) && control.isVisible()) {
			return control;
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				Control found = find(child, testId);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	public static Control await(String testId) {
		AtomicReference<Control> c = new AtomicReference<>();
		waitFor("control '" + testId + "'", () -> {
			c.set(sync(() -> find(testId)));
			return c.get() != null;
		});
		return c.get();
	}

	/** A real mouse click in the middle of the control. */
	public static void click(Control control) {
		waitFor("'" + control + "' to be enabled and shown", () -> sync(() -> control.isEnabled() && control.isVisible()));
		activate(control);
		Point center = sync(() -> {
			Rectangle b = control.getBounds();
			return control.getParent().toDisplay(b.x + b.width / 2, b.y + b.height / 2);
		});
		Display d = display();
		post(d, mouse(SWT.MouseMove, 0, center));
		post(d, mouse(SWT.MouseDown, 1, center));
		post(d, mouse(SWT.MouseUp, 1, center));
	}

	/** A real mouse click in the middle of a table row. */
	public static void clickRow(String testId, int row) {
		org.eclipse.swt.widgets.Table table = (org.eclipse.swt.widgets.Table) await(testId);
		waitFor("row " + row + " of '" + testId + "'", () -> sync(() -> table.getItemCount() > row));
		Point center = sync(() -> {
			Rectangle b = table.getItem(row).getBounds();
			return table.toDisplay(b.x + Math.min(b.width, table.getClientArea().width) / 2, b.y + b.height / 2);
		});
		Display d = display();
		post(d, mouse(SWT.MouseMove, 0, center));
		post(d, mouse(SWT.MouseDown, 1, center));
		post(d, mouse(SWT.MouseUp, 1, center));
	}

	/**
	 * Xvfb runs no window manager: when a dialog closes, no shell gets the keyboard back by itself, so give it to
	 * the control's shell as a window manager would.
	 */
	private static void activate(Control control) {
		run(() -> {
			if (control.getShell() != display().getActiveShell()) {
				control.getShell().forceActive();
			}
		});
		waitFor("the shell of '" + control + "' active", () -> sync(() -> control.getShell() == display().getActiveShell()));
	}

	public static void click(String testId) {
		click(await(testId));
	}

	/** Clicks into a text field and types, key by key. Lower-case letters, digits, '.', '-' and '@' only. */
	public static void type(String testId, String text) {
		Control c = await(testId);
		click(c);
		waitFor("focus in '" + testId + "'", () -> sync(() -> c.isFocusControl()));
		Display d = display();
		for (char ch : text.toCharArray()) {
			Event down = new Event();
			down.type = SWT.KeyDown;
			down.character = ch;
			post(d, down);
			Event up = new Event();
			up.type = SWT.KeyUp;
			up.character = ch;
			post(d, up);
		}
	}

	/** Waits for a dialog with this title to have the keyboard focus in a text field, and types into it. */
	public static void typeInDialog(String title, String text) {
		waitFor("dialog '" + title + "' with focus in a text field", () -> sync(() -> {
			Shell active = display().getActiveShell();
			return active != null && title.equals(active.getText())
					&& display().getFocusControl() instanceof org.eclipse.swt.widgets.Text;
		}));
		Display d = display();
		for (char ch : text.toCharArray()) {
			for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
				Event e = new Event();
				e.type = type;
				e.character = ch;
				post(d, e);
			}
		}
		waitFor("'" + text + "' typed in '" + title + "'", () -> sync(
				() -> display().getFocusControl() instanceof org.eclipse.swt.widgets.Text t && t.getText().equals(text)));
	}

	/** Presses Enter in the focused control, as a user would to confirm. */
	public static void enter() {
		Display d = display();
		for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
			Event e = new Event();
			e.type = type;
			e.character = SWT.CR;
			e.keyCode = SWT.CR;
			post(d, e);
		}
	}

	public static String text(String testId) {
		Control c = await(testId);
		return sync(() -> c instanceof org.eclipse.swt.widgets.Text t ? t.getText()
				: c instanceof org.eclipse.swt.widgets.Label l ? l.getText()
						: c instanceof org.eclipse.swt.widgets.Button b ? b.getText() : c.toString());
	}

	private static Event mouse(int type, int button, Point p) {
		Event e = new Event();
		e.type = type;
		e.button = button;
		e.x = p.x;
		e.y = p.y;
		return e;
	}

	/** Posts from the UI thread (this SWT checks the thread for mouse moves); X delivers it afterwards. */
	private static void post(Display d, Event e) {
		if (!sync(() -> d.post(e))) {
			throw new AssertionError("Display.post refused " + e);
		}
		try {
			Thread.sleep(15);
		} catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Saves a screenshot of the whole screen into the build output, for people to look at. */
	public static Path screenshot(String name) {
		Path dir = Path.of(System.getProperty("user.dir"), "target", "screenshots");
		Path file = dir.resolve(name + ".png");
		run(() -> {
			Display d = display();
			Rectangle r = d.getBounds();
			org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(d, r.width, r.height);
			org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(d);
			gc.copyArea(image, 0, 0);
			gc.dispose();
			org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
			loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
			try {
				Files.createDirectories(dir);
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			loader.save(file.toString(), SWT.IMAGE_PNG);
			image.dispose();
		});
		return file;
	}
}
