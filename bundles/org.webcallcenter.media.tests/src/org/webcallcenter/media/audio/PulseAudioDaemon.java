package org.webcallcenter.media.audio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.webcallcenter.testing.Poll;

/**
 * A private PulseAudio daemon whose null sink {@code wcc_test} is the default output and whose monitor is the
 * default input, so what is played can be captured. The test JVM's environment (set in this fragment's pom.xml)
 * names the socket ({@code PULSE_SERVER}), the runtime directory and the asoundrc that routes ALSA's default
 * device (what javax.sound opens) to PulseAudio; this class writes those files, starts the daemon and stops it by
 * its process id. Fails, never skips, when something is missing: CI installs the packages.
 */
final class PulseAudioDaemon implements AutoCloseable {
    private static final String PACKAGES = "Debian packages pulseaudio, pulseaudio-utils and libasound2-plugins"
            + " (.ci/run installs them)";

    private final Process process;
    private final Path log;

    private PulseAudioDaemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static PulseAudioDaemon start() throws IOException {
        String server = env("PULSE_SERVER");
        Path runtime = Path.of(env("PULSE_RUNTIME_PATH"));
        String alsaPath = env("ALSA_CONFIG_PATH");
        if (!server.startsWith("unix:")) {
            fail("PULSE_SERVER must name a unix socket, got " + server);
        }
        Path socket = Path.of(server.substring("unix:".length()));
        if (socket.toString().length() > 100) {
            fail("The PulseAudio socket path is too long for a unix socket (" + socket.toString().length()
                    + " characters): " + socket + "; build from a shorter directory");
        }
        Path asoundrc = Path.of(alsaPath.substring(alsaPath.lastIndexOf(':') + 1));
        Path base = runtime.getParent();
        deleteTree(runtime);
        Files.createDirectories(runtime);
        Path home = Files.createDirectories(base.resolve("home"));
        Files.writeString(asoundrc, """
                # Written by PulseAudioDaemon: ALSA's default device is the test's PulseAudio server.
                pcm.!default { type pulse }
                ctl.!default { type pulse }
                """, StandardCharsets.US_ASCII);
        Path script = base.resolve("default.pa");
        Files.writeString(script, "load-module module-native-protocol-unix auth-anonymous=1 socket=" + socket + "\n"
                + "load-module module-null-sink sink_name=wcc_test\n"
                + "set-default-sink wcc_test\n"
                + "set-default-source wcc_test.monitor\n", StandardCharsets.US_ASCII);
        Path log = base.resolve("pulseaudio.log");
        ProcessBuilder builder = new ProcessBuilder("pulseaudio", "-n", "-F", script.toString(), "--daemonize=no",
                "--exit-idle-time=-1", "--log-target=stderr")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        environment.put("PULSE_STATE_PATH", home.resolve("state").toString());
        environment.put("PULSE_RUNTIME_PATH", runtime.toString());
        // Under xvfb-run the daemon would otherwise use the X display to autolaunch a D-Bus daemon (a process this
        // test could not stop) and publish itself on the display.
        environment.remove("DISPLAY");
        environment.remove("XAUTHORITY");
        environment.put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start pulseaudio: " + e.getMessage() + "; install the " + PACKAGES, e);
        }
        PulseAudioDaemon daemon = new PulseAudioDaemon(process, log);
        Poll.until("PulseAudio to listen on " + socket, Duration.ofSeconds(20),
                () -> Files.exists(socket) || !process.isAlive());
        if (!process.isAlive()) {
            fail("pulseaudio exited with " + process.exitValue() + " before listening on " + socket + ":\n"
                    + daemon.log());
        }
        daemon.checkDefaults(server);
        return daemon;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            fail(name + " is not set on the test JVM: run the test through Maven (the environment is set in"
                    + " bundles/org.webcallcenter.media.tests/pom.xml)");
        }
        return value;
    }

    /** Asks the daemon through pactl which sink and source are the defaults, which also proves it answers. */
    private void checkDefaults(String server) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("pactl", "info").redirectErrorStream(true);
        builder.environment().put("PULSE_SERVER", server);
        String info;
        try {
            Process pactl = builder.start();
            info = new String(pactl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!pactl.waitFor(20, TimeUnit.SECONDS) || pactl.exitValue() != 0) {
                fail("pactl info failed:\n" + info + "\npulseaudio log:\n" + log());
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot run pactl: " + e.getMessage() + "; install the " + PACKAGES, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while asking PulseAudio", e);
        }
        if (!info.contains("Default Sink: wcc_test") || !info.contains("Default Source: wcc_test.monitor")) {
            fail("PulseAudio's defaults are not the test's null sink and its monitor:\n" + info);
        }
        if (!hasAlsaPulsePlugin()) {
            fail("ALSA's PulseAudio plugin (libasound_module_pcm_pulse.so) is missing; install the " + PACKAGES);
        }
    }

    private static boolean hasAlsaPulsePlugin() throws IOException {
        for (Path lib : List.of(Path.of("/usr/lib"), Path.of("/usr/lib64"))) {
            if (!Files.isDirectory(lib)) {
                continue;
            }
            try (Stream<Path> files = Files.find(lib, 3,
                    (p, a) -> p.getFileName().toString().equals("libasound_module_pcm_pulse.so"))) {
                if (files.findAny().isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the daemon by its process id (SIGTERM, then SIGKILL if it does not exit). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
