package dev.patchbay.kafka.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the broker's configuration and starts its JVM; does not wait for it to answer. */
final class BrokerLauncher {

    /** On the child's command line, so that {@code ps} and {@link DetachedBroker} can tell which broker it is. */
    static final String DIRECTORY_PROPERTY = "patchbay.kafka.broker.dir";
    private static final String HEAP = "-Xmx512m";

    private BrokerLauncher() {
    }

    /**
     * Starts the broker of {@code directory} on {@code ports}, formatting its storage first if it never was.
     *
     * @param attached whether the child watches its standard input and exits with this JVM; a detached child
     *     survives it
     */
    static Process launch(BrokerDirectory directory, BrokerPorts ports, boolean attached) {
        requireFree(directory, ports.broker(), "broker");
        requireFree(directory, ports.controller(), "controller");
        String clusterId = directory.clusterId();
        boolean format = !directory.formatted();
        directory.write(directory.serverProperties(), BrokerConfig.serverProperties(ports, directory));
        directory.write(directory.log4jConfig(), BrokerConfig.log4j());
        directory.write(directory.javaArguments(), javaArguments(BrokerClasspath.resolve()));
        List<String> command = command(directory, format ? clusterId : "", attached);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log().toFile()));
        try {
            Process process = builder.start();
            if (!attached) {
                // Nothing watches a detached broker's input; closing it now means the launcher's exit changes nothing.
                process.getOutputStream().close();
            }
            return process;
        } catch (IOException e) {
            throw new KafkaBrokerException("cannot start the Kafka broker JVM '" + command.get(0) + "' for "
                    + directory.root() + ": " + e.getMessage(), e);
        }
    }

    static List<String> command(BrokerDirectory directory, String formatClusterId, boolean attached) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        command.add("-XX:+UseG1GC");
        command.add("-Djava.awt.headless=true");
        command.add("-D" + DIRECTORY_PROPERTY + "=" + directory.root());
        command.add("-Dlog4j2.configurationFile=" + directory.log4jConfig());
        command.add("-Dkafka.logs.dir=" + directory.root().resolve("logs"));
        // The class path (some 4 KB) goes through an argument file: Linux shows a JVM only the first 4 KB of a
        // command line (ProcessHandle.Info has no arguments past that), and the marker above must stay readable.
        command.add("@" + directory.javaArguments());
        command.add(BrokerProcess.class.getName());
        if (attached) {
            command.add(BrokerProcess.EXIT_WITH_PARENT);
        }
        if (!formatClusterId.isEmpty()) {
            command.add(BrokerProcess.FORMAT);
            command.add(formatClusterId);
        }
        command.add(directory.serverProperties().toString());
        return command;
    }

    /** A java argument file that sets the class path; quoted, so that paths may hold spaces. */
    static String javaArguments(String classpath) {
        return "-cp\n\"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /**
     * Whether {@code process} is the broker JVM of {@code directory}, by the marker on its command line; true when
     * the command line cannot be read (another user's process), since nothing then says it is not.
     */
    static boolean isBrokerOf(ProcessHandle process, BrokerDirectory directory) {
        String marker = "-D" + DIRECTORY_PROPERTY + "=" + directory.root();
        ProcessHandle.Info info = process.info();
        if (info.arguments().isPresent()) {
            return List.of(info.arguments().get()).contains(marker);
        }
        return info.commandLine().map(line -> line.contains(marker + " ")).orElse(true);
    }

    private static void requireFree(BrokerDirectory directory, int port, String listener) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(InetAddress.getByName(BrokerPorts.HOST), port));
        } catch (IOException e) {
            throw new KafkaBrokerException("the " + listener + " port " + BrokerPorts.HOST + ":" + port
                    + " of the Kafka broker in " + directory.root() + " is in use (" + e.getMessage() + "); stop what"
                    + " holds it (a broker of this directory still running?), or delete the directory to start afresh"
                    + " on new ports", e);
        }
    }
}
