package org.webcallcenter.sip.jain.internal;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Finds the threads of JAIN-SIP RI stacks: by the names the RI gives them, or by RI code on their stacks. */
final class JainSipThreads {
	private static final Pattern NAMES = Pattern.compile(
			".*(MessageProcessorThread|MessageChannelThread|EventScannerThread|PipelineThread|SipTimer).*");

	private JainSipThreads() {
	}

	static Set<Thread> alive() {
		return Thread.getAllStackTraces().entrySet().stream().filter(JainSipThreads::isJainSip)
				.map(Map.Entry::getKey).filter(Thread::isAlive).collect(Collectors.toSet());
	}

	static String describe(Set<Thread> threads) {
		return threads.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ", "[", "]"));
	}

	private static boolean isJainSip(Map.Entry<Thread, StackTraceElement[]> e) {
		if (NAMES.matcher(e.getKey().getName()).matches()) {
			return true;
		}
		for (StackTraceElement frame : e.getValue()) {
			if (frame.getClassName().startsWith("gov.nist.")) {
				return true;
			}
		}
		return false;
	}
}
