package dev.patchbay.kafka.broker;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The main class of the broker's child JVM: formats the storage if asked, then runs {@code kafka.Kafka}. With
 * {@value #EXIT_WITH_PARENT} it exits when its standard input ends, so it never outlives the JVM that started it.
 *
 * <p>Usage: {@code BrokerProcess [--exit-with-parent] [--format CLUSTER_ID] SERVER_PROPERTIES}. The broker classes
 * are called reflectively: this module never compiles against them, so that they stay off its consumers' class path.
 */
public final class BrokerProcess {

    static final String EXIT_WITH_PARENT = "--exit-with-parent";
    static final String FORMAT = "--format";
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);

    private BrokerProcess() {
    }

    /**
     * @param args see the class description
     */
    public static void main(String[] args) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        boolean exitWithParent = false;
        String clusterId = null;
        while (rest.size() > 1) {
            String option = rest.removeFirst();
            if (option.equals(EXIT_WITH_PARENT)) {
                exitWithParent = true;
            } else if (option.equals(FORMAT) && rest.size() > 1) {
                clusterId = rest.removeFirst();
            } else {
                usage("unknown option '" + option + "'");
            }
        }
        if (rest.size() != 1) {
            usage("expected the path of server.properties last, got " + List.of(args));
        }
        String config = rest.removeFirst();
        if (exitWithParent) {
            ParentWatch.start(System.in, () -> ParentWatch.exitJvm(EXIT_GRACE));
        }
        if (clusterId != null) {
            format(clusterId, config);
        }
        call("kafka.Kafka", "main", new Class<?>[] {String[].class}, (Object) new String[] {config});
    }

    /** {@code kafka-storage format --standalone}: this node is the quorum's only voter. */
    private static void format(String clusterId, String config) {
        String[] formatArgs = {"format", "--standalone", "--cluster-id", clusterId, "--config", config};
        Object code = call("kafka.tools.StorageTool", "execute", new Class<?>[] {String[].class, PrintStream.class},
                formatArgs, System.out);
        if (!Integer.valueOf(0).equals(code)) {
            System.err.println("patchbay: formatting the broker storage with " + config + " failed with exit code "
                    + code);
            System.exit(1);
        }
    }

    private static Object call(String className, String methodName, Class<?>[] types, Object... values) {
        try {
            Method method = Class.forName(className).getMethod(methodName, types);
            return method.invoke(null, values);
        } catch (InvocationTargetException e) {
            System.err.println("patchbay: " + className + "." + methodName + " failed: " + e.getCause());
            e.getCause().printStackTrace();
            System.exit(1);
        } catch (ReflectiveOperationException e) {
            System.err.println("patchbay: cannot call " + className + "." + methodName + " (" + e
                    + "); the broker class path lacks the Kafka broker jars, rebuild kafka-broker with Maven");
            System.exit(1);
        }
        throw new AssertionError("unreachable: System.exit returned");
    }

    private static void usage(String problem) {
        System.err.println("patchbay: " + problem + "\nusage: BrokerProcess [" + EXIT_WITH_PARENT + "] [" + FORMAT
                + " CLUSTER_ID] SERVER_PROPERTIES");
        System.exit(2);
    }
}
