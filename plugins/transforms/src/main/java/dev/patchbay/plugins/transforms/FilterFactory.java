package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import java.util.List;

/** Keeps the records that match a condition tree and drops the others. */
@Extension(name = "filter", description = "Keeps records that match a condition on their fields and drops the rest.")
public final class FilterFactory implements ProcessorFactory {

    static final String WHERE = "where";

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required(WHERE, SettingType.OBJECT, "The condition a record must match to be kept:"
                + " a leaf {\"field\": \"age\", \"op\": \">=\", \"value\": 18} with op one of "
                + String.join(", ", ConditionParser.OPERATORS) + " (=~ is a regular expression found anywhere in"
                + " the value; <, <=, >, >= compare numbers and numeric strings as numbers; exists and !exists take"
                + " no value), or a group {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}} nesting further"
                + " conditions. A record lacking the field never matches a comparison."));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        Condition condition = ConditionParser.compile(settings.extension(), WHERE, settings.getObject(WHERE));
        return (record, out) -> {
            if (condition.test(record)) {
                out.emit(record);
            }
        };
    }
}
