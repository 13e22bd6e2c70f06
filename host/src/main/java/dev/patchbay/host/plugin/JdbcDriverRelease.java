package dev.patchbay.host.plugin;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Calls {@link DriverManager} on a plugin's behalf. {@link PluginJdbcDrivers} defines a fresh copy of this class
 * in a child of the plugin's class loader, because {@code DriverManager} lists and deregisters a driver only for a
 * caller whose class loader sees the driver's class, and the host's loader does not see a plugin's classes.
 * It must therefore use JDK types only: any host type it named would not resolve in that child loader.
 */
public final class JdbcDriverRelease {

    private JdbcDriverRelease() {
    }

    /** The registered drivers this class's loader sees. */
    public static List<Driver> drivers() {
        return Collections.list(DriverManager.getDrivers());
    }

    /** Deregisters one driver, running its {@code DriverAction} if it registered one. */
    public static void deregister(Driver driver) throws SQLException {
        DriverManager.deregisterDriver(driver);
    }
}
