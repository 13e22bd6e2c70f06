package dev.patchbay.host.pipeline;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Installs handlers for operating-system signals such as TERM and INT, and restores the previous ones on
 * close.
 *
 * <p>The JDK offers this only through {@code sun.misc.Signal} in the {@code jdk.unsupported} module.
 * Referring to it in source draws an unsuppressable javac warning, so it is used through reflection;
 * the module exports the package, so no access checks are broken. A shutdown hook would not do: it
 * cannot see a second signal and the JVM would exit with 143 instead of 0 after a graceful stop.
 */
public final class SignalHandlers implements AutoCloseable {

    private final List<Runnable> restore = new ArrayList<>();

    private SignalHandlers() {
    }

    /**
     * Installs a handler for each signal.
     *
     * @param signals names without the SIG prefix, such as {@code TERM}
     * @param handler receives {@code SIGTERM} and so on, on a JVM signal thread
     * @throws IllegalStateException if the JVM offers no signal handling, naming the reason
     */
    public static SignalHandlers install(List<String> signals, Consumer<String> handler) {
        Objects.requireNonNull(handler, "handler");
        SignalHandlers installed = new SignalHandlers();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> constructor = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : signals) {
                Object signal = constructor.newInstance(name);
                InvocationHandler invocation = (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        handler.accept("SIG" + name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "patchbay handler for SIG" + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                };
                Object proxy = Proxy.newProxyInstance(SignalHandlers.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, invocation);
                Object previous = handle.invoke(null, signal, proxy);
                installed.restore.add(() -> {
                    try {
                        handle.invoke(null, signal, previous);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException("cannot restore the handler of SIG" + name, e);
                    }
                });
            }
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            installed.close();
            throw new IllegalStateException("this JVM offers no signal handling (sun.misc.Signal in module "
                    + "jdk.unsupported): " + e + "; run on a full JDK or JRE 17+", e);
        } catch (InvocationTargetException e) {
            installed.close();
            throw new IllegalStateException("cannot install a signal handler: " + e.getCause(), e.getCause());
        }
        return installed;
    }

    /**
     * Installs the handlers for the rest of the process's life: closing the returned handle leaves them in place.
     * For a process that exits right after the command: were the JVM's own handlers restored before it exits, a
     * signal arriving in between would end the process with 128 plus the signal's number instead of the exit code
     * the command reported.
     */
    public static AutoCloseable installUntilExit(List<String> signals, Consumer<String> handler) {
        install(signals, handler);
        return () -> { };
    }

    /** Raises a signal in this process; for tests. */
    static void raise(String name) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        signalClass.getMethod("raise", signalClass).invoke(null, signal);
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        for (int i = restore.size() - 1; i >= 0; i--) {
            restore.get(i).run();
        }
        restore.clear();
    }
}
