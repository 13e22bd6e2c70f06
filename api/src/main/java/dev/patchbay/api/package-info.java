/**
 * The Patchbay extension api: everything a plugin author builds against.
 *
 * <p>A plugin contributes pipeline stages through three factory interfaces, each discovered with
 * {@link java.util.ServiceLoader} from the plugin's own class loader:
 * {@link dev.patchbay.api.SourceFactory}, {@link dev.patchbay.api.ProcessorFactory} and
 * {@link dev.patchbay.api.SinkFactory}. Every factory class carries the {@link dev.patchbay.api.Extension}
 * annotation, which the host reads from the class file without loading or running the class.
 *
 * <h2>Null policy</h2>
 * No method of this package accepts {@code null} as an argument or returns {@code null}, and a
 * {@code null} argument fails fast with a {@link java.lang.NullPointerException} naming the parameter.
 * There is exactly one exception: the value of a {@link dev.patchbay.api.Row} field (and an element
 * of a list value) may be {@code null}, because null is one of the record value types.
 * {@link dev.patchbay.api.Row#get(String)} therefore returns {@code null} for a field that holds null
 * and for a field that is absent; {@link dev.patchbay.api.Row#has(String)} tells the two apart.
 * Absent optional values are otherwise returned as {@link java.util.Optional#empty()}.
 *
 * <h2>Compatibility</h2>
 * The api follows semantic versioning independently of the host. A plugin states the api range it
 * works with in its {@code Plugin-Requires} manifest attribute, for example {@code >=1.0.0 & <2.0.0}.
 *
 * @since 1.0.0
 */
package dev.patchbay.api;
