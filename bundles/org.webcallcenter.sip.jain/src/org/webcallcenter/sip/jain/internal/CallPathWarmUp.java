package org.webcallcenter.sip.jain.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.webcallcenter.media.codec.G711;
import org.webcallcenter.sip.api.Call;
import org.webcallcenter.sip.api.CallState;
import org.webcallcenter.sip.api.SipAddress;

/**
 * Warms the call path of a freshly started JVM: calls between two private user agents on the loopback interface,
 * each answered at once and hung up, before the softphone takes real calls.
 * <p>
 * Why: the JVM interprets a method until it has run often enough to be compiled, and a softphone that has just
 * started answers its first few thousand calls several times slower than later ones (docs/benchmarks.md, "Softphone":
 * 3.1 ms against 1.0 ms for the INVITE-to-200 time). The compiled code and the profiles belong to the methods, not
 * to the objects, so calls between two throw-away user agents make the real one fast from its first call.
 * <p>
 * The warm-up calls are not the softphone's: they go between two SIP stacks of their own on ephemeral ports of
 * 127.0.0.1, with the headless audio mode; no listener, recorder, call history or event sees them. The headless
 * softphone does this before it listens ({@code -warm-up N}, default {@link #DEFAULT_CALLS}; 0 turns it off) and
 * reports it on one line.
 */
final class CallPathWarmUp {
	/** Calls of the headless softphone's warm-up unless told otherwise. */
	static final int DEFAULT_CALLS = 3000;
	/** Calls in progress at once: enough to use both threads of each side, few enough not to need more lines. */
	private static final int IN_FLIGHT = 8;

	/** What the warm-up did. */
	record Result(int placed, int answered, Duration took, String problem) {
		String describe() {
			return "warm-up: " + answered + " of " + placed + " loopback calls between two private user agents in "
					+ took.toMillis() + " ms" + (problem.isEmpty() ? "" : " (" + problem + ")");
		}
	}

	/** A private stack and the handler that passes its requests to the user agent attached later. */
	private record Side(SipStack stack, RequestHandler handler) {
	}

	private CallPathWarmUp() {
	}

	/**
	 * Places {@code calls} calls, at most {@link #IN_FLIGHT} at a time, and waits for each to end; stops early at
	 * {@code limit}. Never throws: a problem ends the warm-up and is reported in the result.
	 *
	 * @param codecs the codecs the real softphone offers, so that the same code is warmed
	 */
	static Result run(int calls, Duration limit, List<G711.Law> codecs) {
		long start = System.nanoTime();
		long deadline = start + limit.toNanos();
		AtomicInteger answered = new AtomicInteger();
		Semaphore free = new Semaphore(IN_FLIGHT);
		Map<String, CompletableFuture<Void>> ending = new ConcurrentHashMap<>();
		int placed = 0;
		String problem = "";
		List<AutoCloseable> closing = new ArrayList<>();
		try {
			Side callee = side("warm-up-callee", closing);
			agent(callee, true, codecs, e -> {
			}, closing);
			// both sides as a server without an agent: no call is put on hold for the next one
			UserAgent caller = agent(side("warm-up-caller", closing), true, codecs, e -> {
				if (e.current() == CallState.CONNECTED) {
					answered.incrementAndGet();
					e.call().hangUp();
				} else if (!e.current().isLive()) {
					CompletableFuture<Void> ended = ending.remove(e.call().id());
					if (ended != null) {
						ended.complete(null);
					}
				}
			}, closing);
			SipAddress target = SipAddress.parse("sip:warm-up@" + UserAgent.hostText(
					callee.stack().local().getAddress().getHostAddress()) + ":" + callee.stack().local().getPort());
			while (placed < calls && System.nanoTime() - deadline < 0) {
				if (!free.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				CompletableFuture<Void> ended = new CompletableFuture<>();
				ended.whenComplete((v, e) -> free.release());
				Call call = caller.dial(target);
				ending.put(call.id(), ended);
				if (!call.state().isLive()) { // ended before it was registered above
					ending.remove(call.id());
					ended.complete(null);
				}
				placed++;
			}
			// every call has ended when all permits are back
			if (!free.tryAcquire(IN_FLIGHT, Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(5),
					TimeUnit.NANOSECONDS)) {
				throw new TimeoutException();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			problem = "interrupted";
		} catch (TimeoutException e) {
			problem = "calls still open at the time limit of " + limit.toSeconds() + " s";
		} catch (Exception | LinkageError e) {
			problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
		} finally {
			for (AutoCloseable c : closing.reversed()) {
				try {
					c.close();
				} catch (Exception e) {
					// warm-up only: nothing depends on it
				}
			}
		}
		if (problem.isEmpty() && placed < calls) {
			problem = "stopped at the time limit of " + limit.toSeconds() + " s";
		}
		return new Result(placed, answered.get(), Duration.ofNanos(System.nanoTime() - start), problem);
	}

	private static Side side(String name, List<AutoCloseable> closing) throws IOException {
		RequestHandler[] handler = new RequestHandler[1];
		SipStack stack = SipStack.start(name, InetAddress.getLoopbackAddress(), 0, provider -> {
			handler[0] = new RequestHandler(provider);
			return handler[0];
		});
		closing.add(stack);
		return new Side(stack, handler[0]);
	}

	private static UserAgent agent(Side side, boolean answerAll, List<G711.Law> codecs,
			UserAgent.Listener listener, List<AutoCloseable> closing) {
		UserAgent ua = new UserAgent(side.stack(), new UserAgent.Settings(UserAgent.Settings.DEFAULT.autoAnswerHeader(),
				answerAll, IN_FLIGHT * 2, codecs, UserAgent.Settings.DEFAULT.rtcpInterval(),
				UserAgent.Settings.DEFAULT.ringTimeout()), new AudioRouter(AudioRouter.HEADLESS), listener,
				c -> CompletableFuture.completedFuture(null));
		closing.add(ua);
		ua.account(UserAgent.Account.direct("warm-up"));
		side.handler().calls(ua);
		return ua;
	}
}
