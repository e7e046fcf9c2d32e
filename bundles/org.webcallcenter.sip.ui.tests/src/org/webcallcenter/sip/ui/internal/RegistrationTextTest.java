package org.webcallcenter.sip.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.webcallcenter.agent.api.SipAccount;
import org.webcallcenter.app.api.StatusBarService.Severity;
import org.webcallcenter.sip.api.Registration;
import org.webcallcenter.sip.api.RegistrationState;

class RegistrationTextTest {
	private static final ZoneId UTC = ZoneId.of("UTC");
	private static final Instant SINCE = Instant.parse("2026-11-26T09:15:30Z");

	private static Registration reg(RegistrationState s, String detail, Instant expires) {
		return new Registration(s, detail, SINCE, Optional.ofNullable(expires));
	}

	@Test
	void registeredNamesTheAddressOfRecordAndWhenItExpires() {
		RegistrationText.Shown s = RegistrationText.of(reg(RegistrationState.REGISTERED,
				"Registered with 127.0.0.1:5060 for 3600 s", Instant.parse("2026-11-26T10:15:30Z")),
				Optional.of("1001@127.0.0.1"), UTC);
		assertEquals("SIP: registered as 1001@127.0.0.1 (expires 10:15)", s.text());
		assertEquals(Severity.OK, s.severity());
		assertTrue(s.tooltip().contains("Registered with 127.0.0.1:5060 for 3600 s"), s.tooltip());
		assertTrue(s.tooltip().contains("since 09:15:30"), s.tooltip());
	}

	@Test
	void registeredWithoutAKnownAccountOrExpiryStillReadsWell() {
		assertEquals("SIP: registered",
				RegistrationText.of(reg(RegistrationState.REGISTERED, "", null), Optional.empty(), UTC).text());
		assertEquals("SIP: registered", RegistrationText
				.of(reg(RegistrationState.REGISTERED, "", null), Optional.of("  "), UTC).text());
	}

	@Test
	void expiryIsShownInTheAgentsZone() {
		RegistrationText.Shown s = RegistrationText.of(reg(RegistrationState.REGISTERED, "",
				Instant.parse("2026-11-26T10:15:30Z")), Optional.empty(), ZoneId.of("Asia/Shanghai"));
		assertEquals("SIP: registered (expires 18:15)", s.text());
	}

	@Test
	void wrongPasswordIsAnError() {
		RegistrationText.Shown s = RegistrationText.of(reg(RegistrationState.AUTHENTICATION_FAILED,
				"403 Forbidden from 127.0.0.1:5060: check the SIP password", null), Optional.of("1001@127.0.0.1"), UTC);
		assertEquals("SIP: authentication failed \u2014 check password", s.text());
		assertEquals(Severity.ERROR, s.severity());
		assertTrue(s.tooltip().contains("403 Forbidden"), s.tooltip());
	}

	@Test
	void unreachableRegistrarIsAWarning() {
		RegistrationText.Shown s = RegistrationText.of(reg(RegistrationState.UNREACHABLE,
				"No answer from 127.0.0.1:5060; retrying in 4 s", null), Optional.empty(), UTC);
		assertEquals("SIP: registrar unreachable, retrying", s.text());
		assertEquals(Severity.WARNING, s.severity());
		assertTrue(s.tooltip().contains("retrying in 4 s"), s.tooltip());
	}

	@Test
	void otherStates() {
		assertEquals("SIP: direct mode as 1001, no registrar",
				RegistrationText.of(reg(RegistrationState.DIRECT, "", null), Optional.of("1001"), UTC).text());
		assertEquals(Severity.OK,
				RegistrationText.of(reg(RegistrationState.DIRECT, "", null), Optional.empty(), UTC).severity());
		RegistrationText.Shown registering = RegistrationText.of(reg(RegistrationState.REGISTERING, "", null),
				Optional.of("1001@pbx.example"), UTC);
		assertEquals("SIP: registering as 1001@pbx.example...", registering.text());
		assertEquals(Severity.INFO, registering.severity());
		RegistrationText.Shown off = RegistrationText.of(reg(RegistrationState.UNREGISTERED, "", null),
				Optional.empty(), UTC);
		assertEquals("SIP: not registered", off.text());
		assertEquals(Severity.INFO, off.severity());
		assertEquals(RegistrationText.TOOLTIP + " (since 09:15:30)", off.tooltip());
	}

	@Test
	void noSoftphoneIsAWarning() {
		assertEquals("SIP: softphone not available", RegistrationText.unavailable().text());
		assertEquals(Severity.WARNING, RegistrationText.unavailable().severity());
	}

	@Test
	void addressOfRecordComesFromTheAccount() {
		assertEquals(Optional.of("1001@127.0.0.1"), RegistrationText
				.addressOfRecord(new SipAccount(SipAccount.Mode.REGISTRAR, "127.0.0.1:5060", "1001", "")));
		assertEquals(Optional.of("1001@pbx.example"), RegistrationText
				.addressOfRecord(new SipAccount(SipAccount.Mode.REGISTRAR, "pbx.example", "1001", "auth")));
		assertEquals(Optional.of("1001@[::1]"), RegistrationText
				.addressOfRecord(new SipAccount(SipAccount.Mode.REGISTRAR, "[::1]:5070", "1001", "")));
		assertEquals(Optional.of("expert7"),
				RegistrationText.addressOfRecord(new SipAccount(SipAccount.Mode.DIRECT, "", "expert7", "")));
		assertEquals(Optional.empty(),
				RegistrationText.addressOfRecord(new SipAccount(SipAccount.Mode.DIRECT, "", "", "")));
	}
}
