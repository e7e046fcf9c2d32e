package org.webcallcenter.app.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.webcallcenter.app.api.StatusBarService;

/** Holds the status bar's entries; {@link StatusBarControl} renders them. */
@Component(service = StatusBarService.class)
public class StatusBarServiceImpl implements StatusBarService {
	private static final ILog LOG = ILog.of(StatusBarServiceImpl.class);
	private final Map<String, Item> items = new ConcurrentHashMap<>();
	private final List<Consumer<List<Item>>> listeners = new CopyOnWriteArrayList<>();

	@Override
	public Entry entry(String id, int order) {
		Objects.requireNonNull(id, "id");
		return new Entry() {
			@Override
			public void update(String text, Severity severity, String tooltip) {
				items.put(id, new Item(id, order, text == null ? "" : text, tooltip,
						severity == null ? Severity.INFO : severity));
				fire();
			}

			@Override
			public void remove() {
				if (items.remove(id) != null) {
					fire();
				}
			}
		};
	}

	@Override
	public List<Item> items() {
		List<Item> list = new ArrayList<>(items.values());
		list.sort(Comparator.comparingInt(Item::order).thenComparing(Item::id));
		return list;
	}

	@Override
	public void addListener(Consumer<List<Item>> listener) {
		listeners.add(listener);
	}

	@Override
	public void removeListener(Consumer<List<Item>> listener) {
		listeners.remove(listener);
	}

	private void fire() {
		List<Item> snapshot = items();
		for (Consumer<List<Item>> l : listeners) {
			try {
				l.accept(snapshot);
			} catch (RuntimeException e) {
				LOG.error("Status bar listener failed", e);
			}
		}
	}
}
