/**
 * The {@code console} plugin: the {@code print} sink, which prints records as JSON Lines or as an aligned
 * table. It depends on the Patchbay api alone, so it writes JSON by hand.
 */
package dev.patchbay.plugins.console;
